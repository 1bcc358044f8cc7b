import type { AuditBase } from "../attempts/run";
import { auditContext } from "../audit/context";
import type { RequestMeta } from "../http/context";
import { passcodeAuditBlocks } from "./render";
import type { PasscodeRow } from "./storage";

/** The audit entry base of a passcode ceremony step, about `row` (the passcode concerned, if any). */
export function passcodeAudit(meta: RequestMeta, policyName: string, row: PasscodeRow | undefined, now: number, clientContext?: Record<string, unknown>): AuditBase {
  return {
    type: "Passcode",
    policyName,
    credentialId: row?.id ?? null,
    context: auditContext(meta, clientContext),
    ...passcodeAuditBlocks(row, policyName, now),
  };
}
