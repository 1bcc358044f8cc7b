import { and, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { users } from "../db/schema";
import { ApiError, ERRORS } from "../http/errors";
import type { UserStatus } from "../locking/state";

export type UserRow = typeof users.$inferSelect;

export interface UserProfile {
  type?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  dateOfBirth?: string | null;
  nationalities?: string[];
  locale?: { language: string; country: string | null; variant: string | null };
  timezone?: string;
}

export const extIdTaken = () => new ApiError(ERRORS.conflict, { message: "A user with this extId already exists in the store." });

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<void> {
  try {
    await db.insert(users).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw extIdTaken();
    throw error;
  }
}

function statusFilter(status: UserStatus, now: number): SQL {
  const tempLockOver = and(eq(users.status, "TEMP_LOCKED"), sql`${users.lockedUntil} <= ${now}`);
  if (status === "ACTIVE") return or(eq(users.status, "ACTIVE"), tempLockOver)!;
  if (status === "TEMP_LOCKED") return and(eq(users.status, "TEMP_LOCKED"), sql`${users.lockedUntil} > ${now}`)!;
  return eq(users.status, status);
}

export async function listUsers(
  db: Db,
  storeId: string,
  filter: { extId?: string; status?: UserStatus },
  page: { page: number; size: number },
  now: number,
) {
  const where = and(
    eq(users.storeId, storeId),
    filter.extId !== undefined ? eq(users.extId, filter.extId) : undefined,
    filter.status !== undefined ? statusFilter(filter.status, now) : undefined,
  );
  const [rows, [total]] = await db.batch([
    db.select().from(users).where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(page.size).offset(page.page * page.size),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Deletes the user `userId` names (an expression scoped to its store); returns the deleted id, if any. */
export function deleteUserStatement(db: Db, userId: SQL) {
  return db.delete(users).where(sql`${users.id} = ${userId}`).returning({ id: users.id });
}

/** What an update changes; whatever it leaves out keeps its stored value. */
export interface UserChanges {
  extId?: string;
  status?: "ACTIVE" | "DISABLED" | "LOCKED";
  profile: UserProfile;
  /** RFC 7396 JSON Merge Patch of the attributes. */
  attributesPatch?: unknown;
}

/**
 * The update, computed in SQL from the row as it is when the statement runs: the profile fields
 * given are set and the attributes patched there, so a concurrent write of other fields (a lock
 * set by failures, a passkey's user handle, preferred devices) is kept instead of being
 * overwritten with what this request read. Setting LOCKED or DISABLED ends a temporary lock's timer.
 */
export function updateUserStatement(db: Db, userId: string, changes: UserChanges, now: number) {
  const fields = Object.entries(changes.profile).filter(([, value]) => value !== undefined);
  const profileSet = sql.join(fields.map(([key, value]) => sql`${`$.${key}`}, json(${JSON.stringify(value)})`), sql`, `);
  return db
    .update(users)
    .set({
      ...(changes.extId !== undefined ? { extId: changes.extId } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.status === "LOCKED" || changes.status === "DISABLED" ? { lockedUntil: null } : {}),
      ...(fields.length > 0 ? { profile: sql`json_set(${users.profile}, ${profileSet})` } : {}),
      ...(changes.attributesPatch !== undefined ? { attributes: sql`json_patch(${users.attributes}, ${JSON.stringify(changes.attributesPatch)})` } : {}),
      updatedAt: now,
    })
    .where(eq(users.id, userId));
}
