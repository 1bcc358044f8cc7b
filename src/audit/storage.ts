import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { authAudits } from "../db/schema";

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
