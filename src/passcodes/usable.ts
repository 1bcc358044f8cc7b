import { ApiError } from "../http/errors";
import type { ProofKind } from "./ceremony";
import { PASSCODE_ERRORS } from "./errors";
import type { PasscodeRow } from "./storage";

/**
 * The passcode a proof can be checked against: registered (2401), not disabled (2403) and, for an
 * authentication, not expired (2407) — an expired one can still be renewed.
 */
export function usable(row: PasscodeRow | undefined, kind: ProofKind, now: number): PasscodeRow {
  if (!row) throw new ApiError(PASSCODE_ERRORS.passcodeNotRegistered);
  if (row.status === "DISABLED") throw new ApiError(PASSCODE_ERRORS.passcodeDisabled);
  if (kind === "passcode-authentication" && row.expiresAt !== null && row.expiresAt <= now) throw new ApiError(PASSCODE_ERRORS.passcodeExpired);
  return row;
}
