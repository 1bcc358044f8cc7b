import { and, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { modalityLocks, users } from "../db/schema";
import type { UserRef } from "../env";
import { ApiError } from "../http/errors";
import type { ModalityLockRow, UserStatus } from "../locking/state";

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

/** A user and its modality lock rows, read together. */
export interface UserState {
  user: UserRow;
  modalities: ModalityLockRow[];
}

function userWhere(storeId: string, ref: UserRef): SQL {
  return and(eq(users.storeId, storeId), ref.by === "id" ? eq(users.id, ref.value) : eq(users.extId, ref.value))!;
}

/** One round trip: the user row and its modality locks (resolved by id or extId within the store). */
export async function findUserState(db: Db, storeId: string, ref: UserRef): Promise<UserState | undefined> {
  const idOf = db.select({ id: users.id }).from(users).where(userWhere(storeId, ref));
  const [rows, modalities] = await db.batch([
    db.select().from(users).where(userWhere(storeId, ref)).limit(1),
    db
      .select({ modality: modalityLocks.modality, failedAttempts: modalityLocks.failedAttempts, lockedUntil: modalityLocks.lockedUntil })
      .from(modalityLocks)
      .where(sql`${modalityLocks.userId} = (${idOf})`),
  ]);
  const user = rows[0];
  return user ? { user, modalities } : undefined;
}

export async function requireUserState(db: Db, storeId: string, ref: UserRef): Promise<UserState> {
  const state = await findUserState(db, storeId, ref);
  if (!state) throw new ApiError("notFound", { message: "User not found." });
  return state;
}

export const extIdTaken = () => new ApiError("conflict", { message: "A user with this extId already exists in the store." });

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

export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db.delete(users).where(eq(users.id, userId));
}
