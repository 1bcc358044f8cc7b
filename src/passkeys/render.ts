import { toDtm } from "../http/dtm";
import type { PasskeyRow } from "./storage";

export function renderPasskey(row: PasskeyRow) {
  return {
    id: row.id,
    rpId: row.rpId,
    credentialId: row.credentialId,
    publicKey: row.publicKey,
    signCount: row.signCount,
    transports: row.transports as string[],
    aaguid: row.aaguid,
    attestationFormat: row.attestationFormat,
    userHandle: row.userHandle,
    backupEligible: row.backupEligible,
    backupState: row.backupState,
    userVerified: row.userVerified,
    status: row.status as "ACTIVE" | "DISABLED",
    name: row.name,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
    lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt),
  };
}

/** The `summaryInfo.passkeys[]` item. */
export function renderPasskeySummary(row: PasskeyRow) {
  return {
    id: row.id,
    rpId: row.rpId,
    status: row.status,
    name: row.name,
    aaguid: row.aaguid,
    backupEligible: row.backupEligible,
    backupState: row.backupState,
    createdDtm: toDtm(row.createdAt),
    lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt),
  };
}

export function passkeyAuditInfo(row: Pick<PasskeyRow, "id" | "rpId" | "credentialId" | "aaguid" | "userVerified" | "backupState" | "signCount"> | undefined, rpId: string) {
  const info = row
    ? { id: row.id, rpId: row.rpId, credentialId: row.credentialId, aaguid: row.aaguid, userVerified: row.userVerified, backupState: row.backupState, signCount: row.signCount }
    : { id: null, rpId };
  return { info: { passkeyInfo: info }, displayInfo: { passkeyAuditInfo: info } };
}
