import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { stores, users } from "../db/schema";
import { ApiError, ERRORS } from "../http/errors";

export type StoreRow = typeof stores.$inferSelect;

export async function findStore(db: Db, tenant: string, name: string): Promise<StoreRow | undefined> {
  const [store] = await db.select().from(stores).where(and(eq(stores.tenant, tenant), eq(stores.name, name))).limit(1);
  return store;
}

/** The caller's store, or 404/9002 — another tenant's store is indistinguishable from a missing one. */
export async function requireStore(db: Db, tenant: string, name: string): Promise<StoreRow> {
  const store = await findStore(db, tenant, name);
  if (!store) throw new ApiError(ERRORS.notFound, { message: `Store '${name}' not found.` });
  return store;
}

export async function listStores(db: Db, tenant: string, page: number, size: number) {
  const [rows, [total]] = await db.batch([
    db.select().from(stores).where(eq(stores.tenant, tenant)).orderBy(stores.name).limit(size).offset(page * size),
    db.select({ n: count() }).from(stores).where(eq(stores.tenant, tenant)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertStore(db: Db, row: StoreRow): Promise<void> {
  try {
    await db.insert(stores).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(ERRORS.conflict, { message: `Store '${row.name}' already exists.` });
    }
    throw error;
  }
}

/** Compare-and-set on `version`: the write only lands if nobody changed the store since it was read. */
export async function updateStore(
  db: Db,
  current: StoreRow,
  changes: Pick<StoreRow, "description" | "configuration" | "attributeSchema">,
  now: number,
): Promise<StoreRow> {
  const [updated] = await db
    .update(stores)
    .set({ ...changes, version: sql`${stores.version} + 1`, updatedAt: now })
    .where(and(eq(stores.id, current.id), eq(stores.version, current.version)))
    .returning();
  if (!updated) throw new ApiError(ERRORS.concurrentModification);
  return updated;
}

export async function storeHasUsers(db: Db, storeId: string): Promise<boolean> {
  const row = await db.select({ id: users.id }).from(users).where(eq(users.storeId, storeId)).limit(1);
  return row.length > 0;
}

/** Deleting a store cascades (foreign keys) to its users, their credentials, locks and audit rows. */
export async function deleteStore(db: Db, storeId: string): Promise<void> {
  await db.delete(stores).where(eq(stores.id, storeId));
}
