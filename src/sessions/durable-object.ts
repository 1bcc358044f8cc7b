import { DurableObject } from "cloudflare:workers";

/** Placeholder until the sessions module lands. */
export class CeremonySessions extends DurableObject {}
