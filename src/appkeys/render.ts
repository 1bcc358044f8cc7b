import { toDtm } from "../http/dtm";
import type { AppkeyRow } from "./storage";

export function renderAppkey(row: AppkeyRow) {
  return {
    id: row.id,
    rpId: row.rpId,
    aaid: row.aaid,
    keyId: row.keyId,
    keyType: row.keyType as "DEVICE" | "BIOMETRIC" | "DEVICE_AND_BIOMETRIC",
    publicKey: row.publicKey,
    algorithm: row.algorithm,
    signCounter: row.signCounter,
    attestationType: row.attestationType as "BASIC_FULL" | "BASIC_SURROGATE",
    attestationVerified: row.attestationVerified,
    deviceId: row.deviceId,
    name: row.name,
    status: row.status as "ACTIVE" | "DISABLED",
    hasPushToken: row.pushToken !== null,
    pushPlatform: row.pushPlatform,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
    lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt),
  };
}

/** The `summaryInfo.appkeys[]` item. */
export function renderAppkeySummary(row: AppkeyRow) {
  return {
    id: row.id,
    rpId: row.rpId,
    aaid: row.aaid,
    keyType: row.keyType,
    deviceId: row.deviceId,
    name: row.name,
    status: row.status,
    createdDtm: toDtm(row.createdAt),
    lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt),
  };
}

/** `appkeyInfo` / `appkeyAuditInfo` of an audit record. */
export function appkeyAuditInfo(row: Pick<AppkeyRow, "id" | "rpId" | "keyId" | "aaid" | "deviceId" | "signCounter"> | undefined, rpId: string) {
  const info = row ? { id: row.id, rpId: row.rpId, keyId: row.keyId, aaid: row.aaid, deviceId: row.deviceId, signCounter: row.signCounter } : { id: null, rpId };
  return { info: { appkeyInfo: info }, displayInfo: { appkeyAuditInfo: info } };
}
