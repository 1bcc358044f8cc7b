import type { ErrorDef } from "../http/errors";
import { PASSKEY_ERRORS } from "./errors";

export type ClientFailure = { reason: "FAILED" | "CANCELLED" | "TIMEOUT" };

/** What a client reports instead of a response, as the code it is refused with. */
export const CLIENT_FAILURES: Record<ClientFailure["reason"], ErrorDef> = {
  FAILED: PASSKEY_ERRORS.passkeyClientFailed,
  CANCELLED: PASSKEY_ERRORS.passkeyClientCancelled,
  TIMEOUT: PASSKEY_ERRORS.passkeyClientTimeout,
};
