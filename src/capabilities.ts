import { appkeys } from "./appkeys/capability";
import type { Capability } from "./capability";
import { face } from "./face/capability";
import { passcodes } from "./passcodes/capability";
import { passkeys } from "./passkeys/capability";
import { totp } from "./totp/capability";

/** The capabilities the service is assembled from, in the order their routes are mounted. */
export const CAPABILITIES: readonly Capability[] = [totp, passcodes, passkeys, appkeys, face];
