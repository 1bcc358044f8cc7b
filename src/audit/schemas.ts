import { z } from "@hono/zod-openapi";
import { Dtm } from "../http/dtm";

export const AUDIT_TYPES = ["Passkey", "Appkey", "Face", "Voice_TD", "Voice_TI", "TOTP", "Passcode"] as const;
export const AuditType = z.enum(AUDIT_TYPES);
export type AuditType = (typeof AUDIT_TYPES)[number];
export const AuditResult = z.enum(["SUCCESS", "FAILURE"]);

const MAX_CONTEXT_BYTES = 4096;

/** The caller's own context for an authentication, kept in its audit record. */
export const ClientContext = z
  .record(z.string(), z.unknown())
  .refine((value) => new TextEncoder().encode(JSON.stringify(value)).length <= MAX_CONTEXT_BYTES, "context must be at most 4 KiB of JSON")
  .openapi("AuthenticationContext", { description: "Free-form caller context (≤ 4 KiB), stored in the audit record with `ip` and `userAgent`." });

export const AuditRecord = z
  .object({
    id: z.string(),
    type: AuditType,
    result: AuditResult,
    event: z.enum(["AUTHENTICATION", "REGISTRATION"]).openapi({ description: "REGISTRATION for a registration completion." }),
    errorCode: z.number().int().nullable(),
    userId: z.string(),
    storeId: z.string(),
    policyName: z.string().nullable(),
    rpId: z.string().nullable(),
    createdDtm: Dtm,
    context: z.record(z.string(), z.unknown()),
    authAuditRecord: z.record(z.string(), z.unknown()).openapi({ description: "`{ type, <modality>Info }`, e.g. `totpInfo`." }),
    authAuditDisplayInfo: z.record(z.string(), z.unknown()).openapi({ description: "`{ <modality>AuditInfo }`, e.g. `totpAuditInfo`." }),
  })
  .openapi("AuthenticationAudit");

export const AuditListQuery = z
  .object({
    type: AuditType.optional(),
    result: AuditResult.optional(),
    from: z.iso.datetime().optional().openapi({ description: "Inclusive lower bound on createdDtm." }),
    to: z.iso.datetime().optional().openapi({ description: "Exclusive upper bound on createdDtm." }),
  })
  .strict();
