import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { authAudits } from "../db/schema";
import type { AuditType } from "./schemas";

export type AuditRow = typeof authAudits.$inferSelect;

export interface AuditFilter {
  type?: string;
  result?: string;
  from?: number;
  to?: number;
}

export async function listAudits(db: Db, storeId: string, userId: string, filter: AuditFilter, page: number, size: number) {
  const where = and(
    eq(authAudits.storeId, storeId),
    eq(authAudits.userId, userId),
    filter.type ? eq(authAudits.type, filter.type) : undefined,
    filter.result ? eq(authAudits.result, filter.result) : undefined,
    filter.from !== undefined ? gte(authAudits.createdAt, filter.from) : undefined,
    filter.to !== undefined ? lt(authAudits.createdAt, filter.to) : undefined,
  );
  const [rows, [total]] = await db.batch([
    db.select().from(authAudits).where(where).orderBy(desc(authAudits.createdAt), desc(authAudits.id)).limit(size).offset(page * size),
    db.select({ n: count() }).from(authAudits).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findAudit(db: Db, storeId: string, userId: string, id: string): Promise<AuditRow | undefined> {
  const [row] = await db
    .select()
    .from(authAudits)
    .where(and(eq(authAudits.storeId, storeId), eq(authAudits.userId, userId), eq(authAudits.id, id)))
    .limit(1);
  return row;
}

/** The successful REGISTRATION record of a credential (passkey or appkey id). */
export async function findRegistrationAudit(db: Db, storeId: string, userId: string, credentialId: string): Promise<AuditRow | undefined> {
  const [row] = await db
    .select()
    .from(authAudits)
    .where(
      and(
        eq(authAudits.storeId, storeId),
        eq(authAudits.userId, userId),
        eq(authAudits.credentialId, credentialId),
        eq(authAudits.event, "REGISTRATION"),
        eq(authAudits.result, "SUCCESS"),
      ),
    )
    .limit(1);
  return row;
}

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
