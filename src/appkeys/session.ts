import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import type { CeremonyCodes, CeremonyData, CeremonyRef } from "../sessions/ceremony";
import type { CeremonyBinding } from "../sessions/sessions";
import { APPKEY_ERRORS } from "./errors";
import type { AppkeyConfig } from "./policy";

export type AppkeyCeremonyKind = "appkey-registration" | "appkey-authentication";

export interface AppkeyCeremony extends CeremonyData {
  userId: string;
  appId: string;
  /** Authentication with a transaction: the text shown to the user. */
  transactionText?: string;
}

export const APPKEY_CEREMONY_CODES: CeremonyCodes = {
  otherKind: APPKEY_ERRORS.wrongCeremony,
  external: {
    missing: APPKEY_ERRORS.sessionDataMissing,
    noChallenge: APPKEY_ERRORS.sessionDataNoChallenge,
    noRpId: APPKEY_ERRORS.noRpId,
    noPolicy: APPKEY_ERRORS.sessionDataNoPolicy,
  },
};

export const appkeyBinding = (scope: RequestScope, storeName: string, kind: AppkeyCeremonyKind): CeremonyBinding => ({ tenant: scope.caller.tenant, storeName, kind });

/** sessionData is only for a relying party in EXTERNAL session management (1014), checked against the store as read now. */
export function assertSessionManagement(ref: CeremonyRef, config: AppkeyConfig): void {
  if (!("sessionId" in ref) && config.sessionManagement !== "EXTERNAL") throw new ApiError(APPKEY_ERRORS.sessionDataInInternalMode);
}
