import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { authAudits } from "../db/schema";
import type { RequestMeta } from "../http/context";
import type { AuditType } from "./schemas";

export interface AuditEntry {
  type: AuditType;
  result: "SUCCESS" | "FAILURE";
  errorCode?: number | null;
  storeId: string;
  userId: string;
  policyName?: string | null;
  rpId?: string | null;
  credentialId?: string | null;
  /** Default AUTHENTICATION; registration completions are REGISTRATION. */
  event?: "AUTHENTICATION" | "REGISTRATION";
  context: Record<string, unknown>;
  /** The type-specific block of `authAuditRecord`, e.g. `{ totpInfo: {…} }`. */
  info: Record<string, unknown>;
  /** `authAuditDisplayInfo`, e.g. `{ totpAuditInfo: {…} }`. */
  displayInfo: Record<string, unknown>;
}

/** The caller's context merged with where the request came from. */
export function auditContext(meta: RequestMeta, clientContext: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...clientContext, ip: meta.ip, userAgent: meta.userAgent };
}

/** An insert to put in the same batch as the state change it records; returns the statement and the record id. */
export function auditInsert(db: Db, entry: AuditEntry, now: number) {
  const id = newId(now);
  const statement = db.insert(authAudits).values({
    id,
    storeId: entry.storeId,
    userId: entry.userId,
    type: entry.type,
    result: entry.result,
    errorCode: entry.errorCode ?? null,
    policyName: entry.policyName ?? null,
    rpId: entry.rpId ?? null,
    credentialId: entry.credentialId ?? null,
    event: entry.event ?? "AUTHENTICATION",
    context: entry.context,
    record: { type: entry.type, ...entry.info },
    displayInfo: entry.displayInfo,
    createdAt: now,
  });
  return { id, statement };
}
