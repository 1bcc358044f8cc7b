import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import type { CeremonyBinding } from "../sessions/sessions";
import type { CeremonyCodes, CeremonyData, CeremonyRef } from "../sessions/ceremony";
import { PASSKEY_ERRORS } from "./errors";
import type { PasskeyConfig } from "./policy";

export type PasskeyCeremonyKind = "passkey-registration" | "passkey-authentication";

export interface RegistrationCeremony extends CeremonyData {
  userId: string;
  /** The user handle the credential is created for. */
  userHandle: string;
}

export interface AuthenticationCeremony extends CeremonyData {
  /** Null: usernameless, the user is found through the credential. */
  userId: string | null;
  /** The credential ids offered (empty: usernameless). */
  allowCredentials: string[];
}

export const PASSKEY_CEREMONY_CODES: CeremonyCodes = {
  otherKind: PASSKEY_ERRORS.passkeyWrongCeremony,
  external: {
    missing: PASSKEY_ERRORS.sessionDataMissing,
    noChallenge: PASSKEY_ERRORS.sessionDataNoChallenge,
    noRpId: PASSKEY_ERRORS.sessionDataNoRpId,
    noPolicy: PASSKEY_ERRORS.sessionDataNoPolicy,
  },
};

export const passkeyBinding = (scope: RequestScope, storeName: string, kind: PasskeyCeremonyKind): CeremonyBinding => ({ tenant: scope.caller.tenant, storeName, kind });

/** sessionData is only for a relying party in EXTERNAL session management (388), checked against the store as read now. */
export function assertSessionManagement(ref: CeremonyRef, config: PasskeyConfig): void {
  if (!("sessionId" in ref) && config.sessionManagement !== "EXTERNAL") throw new ApiError(PASSKEY_ERRORS.sessionDataInInternalMode);
}
