import type { Capability } from "./capability";

/** The capabilities the service is assembled from, in the order their routes are mounted. */
export const CAPABILITIES: readonly Capability[] = [];
