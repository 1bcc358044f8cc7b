import { toDtm } from "../http/dtm";
import type { AuditType } from "./schemas";
import type { AuditRow } from "./storage";

export function renderAudit(row: AuditRow) {
  return {
    id: row.id,
    type: row.type as AuditType,
    result: row.result as "SUCCESS" | "FAILURE",
    event: row.event as "AUTHENTICATION" | "REGISTRATION",
    errorCode: row.errorCode,
    userId: row.userId,
    storeId: row.storeId,
    policyName: row.policyName,
    rpId: row.rpId,
    createdDtm: toDtm(row.createdAt),
    context: row.context as Record<string, unknown>,
    authAuditRecord: row.record as Record<string, unknown>,
    authAuditDisplayInfo: row.displayInfo as Record<string, unknown>,
  };
}
