import { toDtm } from "../http/dtm";
import type { TotpRow } from "./storage";

/** The `summaryInfo.totps[]` item: exactly the seed's fields (lastAuthenticatedWithDtm only once used). */
export function renderTotpSummary(row: TotpRow) {
  return {
    id: row.id,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
    status: row.status as "PENDING" | "ACTIVE" | "DISABLED",
    issuer: row.issuer,
    username: row.username,
    policyName: row.policyName,
    algorithm: row.algorithm as "SHA1" | "SHA256" | "SHA512",
    activatedDtm: toDtm(row.activatedAt),
    expirationDtm: toDtm(row.expiresAt),
    ...(row.lastAuthenticatedAt !== null ? { lastAuthenticatedWithDtm: toDtm(row.lastAuthenticatedAt) } : {}),
  };
}

export function renderTotp(row: TotpRow) {
  return { ...renderTotpSummary(row), digits: row.digits, period: row.period };
}

/** The TOTP blocks of an audit record (`totpInfo`, `totpAuditInfo`). */
export function totpAuditBlocks(row: TotpRow | undefined, policyName: string, now: number) {
  const common = {
    policyName,
    algorithm: row?.algorithm ?? null,
    registrationCreatedDtm: toDtm(row?.createdAt),
    registrationActivatedDtm: toDtm(row?.activatedAt),
  };
  return {
    info: { totpInfo: { id: row?.id ?? null, ...common } },
    displayInfo: { totpAuditInfo: { ...common, authenticationDtm: toDtm(now) } },
  };
}
