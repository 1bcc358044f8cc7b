import { toDtm } from "../http/dtm";
import type { PasscodeRow } from "./storage";

/** The `summaryInfo.passcodes[]` item. */
export function renderPasscodeSummary(row: PasscodeRow) {
  return {
    id: row.id,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
    status: row.status as "ACTIVE" | "DISABLED",
    policyName: row.policyName,
    protocol: "SRP" as const,
    activatedDtm: toDtm(row.activatedAt),
    expirationDtm: toDtm(row.expiresAt),
    lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt),
  };
}

export function renderPasscode(row: PasscodeRow) {
  return { ...renderPasscodeSummary(row), srpGroup: row.srpGroup, srpHash: row.srpHash, srpProfile: row.srpProfile };
}

/** The passcode blocks of an audit record (`passcodeInfo`, `passcodeAuditInfo`). */
export function passcodeAuditBlocks(row: PasscodeRow | undefined, policyName: string, now: number) {
  const common = {
    policyName,
    protocol: "SRP",
    registrationCreatedDtm: toDtm(row?.createdAt),
    registrationActivatedDtm: toDtm(row?.activatedAt),
  };
  return {
    info: { passcodeInfo: { id: row?.id ?? null, ...common } },
    displayInfo: { passcodeAuditInfo: { ...common, authenticationDtm: toDtm(now) } },
  };
}
