import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { jsonTable } from "../db/json-rows";
import { appkeys, stores, users } from "../db/schema";

export type AppkeyRow = typeof appkeys.$inferSelect;

const appkeyJson = jsonTable(appkeys);

/** All the user's appkeys (`userId`: an SQL expression of the user's id), oldest first, as one JSON column. */
export function userAppkeyRows(userId: SQL) {
  return appkeyJson.rows(sql`${appkeys.userId} = ${userId}`, [appkeys.createdAt, appkeys.id]);
}

/** The appkey of the store (`storeId`: an SQL expression) registered for `rpId` with `keyId`, whoever owns it. */
export function keyQuery(db: Db, storeId: SQL, rpId: string, keyId: string) {
  return db
    .select()
    .from(appkeys)
    .where(and(sql`${appkeys.storeId} = ${storeId}`, eq(appkeys.rpId, rpId), eq(appkeys.keyId, keyId)))
    .limit(1);
}

/** The id of the user who owns that key, as an SQL expression (single-shot: the user is found from the KeyID). */
export function keyOwnerOf(db: Db, storeId: SQL, rpId: string, keyId: string): SQL {
  return sql`(${db
    .select({ id: appkeys.userId })
    .from(appkeys)
    .where(and(sql`${appkeys.storeId} = ${storeId}`, eq(appkeys.rpId, rpId), eq(appkeys.keyId, keyId)))})`;
}

/** A store by its id, whatever its tenant (the public trusted facets document). */
export async function findStoreById(db: Db, storeId: string) {
  const [row] = await db.select().from(stores).where(eq(stores.id, storeId)).limit(1);
  return row;
}

export function insertAppkeyStatement(db: Db, row: AppkeyRow) {
  return db.insert(appkeys).values(row);
}

/** The counter, stored only after the signature verified (in the batch with the audit record). */
export function recordAssertionStatement(db: Db, id: string, signCounter: number, now: number) {
  return db.update(appkeys).set({ signCounter, lastAuthenticatedAt: now, updatedAt: now }).where(eq(appkeys.id, id));
}

export function disableAppkeyStatement(db: Db, id: string, now: number) {
  return db.update(appkeys).set({ status: "DISABLED", updatedAt: now }).where(eq(appkeys.id, id));
}

export function updateAppkeyStatement(db: Db, id: string, changes: Partial<Pick<AppkeyRow, "status" | "name" | "pushToken" | "pushPlatform" | "pushTokenInvalidAt">>, now: number) {
  return db
    .update(appkeys)
    .set({ ...changes, updatedAt: now })
    .where(eq(appkeys.id, id));
}

export function deleteAppkeyStatement(db: Db, id: string) {
  return db.delete(appkeys).where(eq(appkeys.id, id));
}

/** Writes the user's whole `attributes.appkeyPreferredDevices` map (an rpId → ordered deviceIds). */
export function setPreferredDevicesStatement(db: Db, userId: string, devices: Record<string, string[]>, now: number) {
  return db
    .update(users)
    .set({ attributes: sql`json_set(${users.attributes}, '$.appkeyPreferredDevices', json(${JSON.stringify(devices)}))`, updatedAt: now })
    .where(eq(users.id, userId));
}

/** APNs or FCM answered that the token is gone: marked, as long as the appkey still carries that token. */
export function invalidatePushTokenStatement(db: Db, id: string, token: string, now: number) {
  return db.update(appkeys).set({ pushTokenInvalidAt: now }).where(and(eq(appkeys.id, id), eq(appkeys.pushToken, token)));
}
