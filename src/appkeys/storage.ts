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
  return db.update(appkeys).set({ signCounter, lastAuthenticatedAt: now, updatedAt: now }).where(eq(appkeys.id, id)).returning();
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

/*
 * The user's preferred devices, `attributes.appkeyPreferredDevices[rpId]`, are edited in SQL: each
 * statement reads the list as it is stored when it runs and changes only that relying party's
 * entry, so concurrent changes (D1 runs statements one at a time) are never lost.
 */

/** The stored list for rpId (NULL unless it is a JSON array), read from the `users` row being updated. */
const storedDevices = (rpId: string) =>
  sql`(SELECT p.value FROM json_each(${users.attributes}, '$.appkeyPreferredDevices') AS p WHERE p.key = ${rpId} AND p.type = 'array')`;

/** Rows (device, position) of the stored list's devices, in order, that pass `keep` (a condition on `d.value`). */
const storedRows = (rpId: string, keep: SQL) => sql`SELECT d.value AS device, d.key AS position FROM json_each(${storedDevices(rpId)}) AS d WHERE d.type = 'text' AND ${keep}`;

/** A device of the list has an appkey of the user for rpId. */
const keyed = (rpId: string) => sql`EXISTS (SELECT 1 FROM ${appkeys} WHERE ${appkeys.userId} = ${users.id} AND ${appkeys.rpId} = ${rpId} AND ${appkeys.deviceId} = d.value)`;

/** Stores `rows` as the list for rpId, or drops the entry when there are none; nothing else of `attributes` changes. */
function writeDevices(db: Db, userId: string, rpId: string, rows: SQL | null, now: number, guard?: SQL) {
  const list = rows ? sql`(SELECT CASE WHEN count(*) > 0 THEN json_group_array(r.device ORDER BY r.position) END FROM (${rows}) AS r)` : sql`NULL`;
  return db
    .update(users)
    .set({ attributes: sql`json_patch(${users.attributes}, json_object('appkeyPreferredDevices', json_object(${rpId}, json(${list}))))`, updatedAt: now })
    .where(and(eq(users.id, userId), guard));
}

/** Puts the device first (no duplicates), only while it carries an appkey of the user for rpId. */
export function preferDeviceStatement(db: Db, userId: string, rpId: string, deviceId: string, now: number) {
  const carried = db
    .select({ one: sql`1` })
    .from(appkeys)
    .where(and(eq(appkeys.userId, userId), eq(appkeys.rpId, rpId), eq(appkeys.deviceId, deviceId)));
  const rows = sql`SELECT ${deviceId} AS device, -1 AS position UNION ALL ${storedRows(rpId, sql`d.value <> ${deviceId}`)}`;
  return writeDevices(db, userId, rpId, rows, now, sql`EXISTS ${carried}`);
}

/** Takes one device out of the list (an emptied list is dropped). */
export function unpreferDeviceStatement(db: Db, userId: string, rpId: string, deviceId: string, now: number) {
  return writeDevices(db, userId, rpId, storedRows(rpId, sql`d.value <> ${deviceId}`), now);
}

export function clearPreferredDevicesStatement(db: Db, userId: string, rpId: string, now: number) {
  return writeDevices(db, userId, rpId, null, now);
}

/** Takes out of the list every device no appkey of the user for rpId carries any more (written only when one goes). */
export function prunePreferredDevicesStatement(db: Db, userId: string, rpId: string, now: number) {
  const unkeyed = sql`EXISTS (${storedRows(rpId, sql`NOT ${keyed(rpId)}`)})`;
  return writeDevices(db, userId, rpId, storedRows(rpId, keyed(rpId)), now, unkeyed);
}

/** APNs or FCM answered that the token is gone: marked, as long as the appkey still carries that token. */
export function invalidatePushTokenStatement(db: Db, id: string, token: string, now: number) {
  return db.update(appkeys).set({ pushTokenInvalidAt: now }).where(and(eq(appkeys.id, id), eq(appkeys.pushToken, token)));
}
