import { and, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { appkeys, pushDeliveries, pushes, stores, users } from "../db/schema";
import { PENDING_STATUSES, type DeliveryStatus, type PushStatus } from "./schemas";

export type PushRow = typeof pushes.$inferSelect;
export type DeliveryRow = typeof pushDeliveries.$inferSelect;

const pending = inArray(pushes.status, [...PENDING_STATUSES]);
const HISTORY = 50;

/** When a push stopped counting as answerable without success: declined/superseded/refused, or expired. */
const unansweredTime = (now: number) => sql<number | null>`CASE WHEN ${pushes.unansweredAt} IS NOT NULL THEN ${pushes.unansweredAt} WHEN ${pending} AND ${pushes.expiresAt} <= ${now} THEN ${pushes.expiresAt} END`;

/** The user's pending pushes for the relying party, oldest first (a new one supersedes from the front). */
export function pendingPushesQuery(db: Db, userId: SQL, rpId: string, now: number) {
  return db
    .select({ id: pushes.id })
    .from(pushes)
    .where(and(sql`${pushes.userId} = ${userId}`, eq(pushes.rpId, rpId), pending, gt(pushes.expiresAt, now)))
    .orderBy(pushes.createdAt, pushes.id);
}

/** Push fatigue: how many pushes went unanswered since the user's last successful authentication, and the latest such time. */
export function unansweredQuery(db: Db, userId: SQL, rpId: string, now: number) {
  const time = unansweredTime(now);
  const since = sql`coalesce((SELECT ${users.lastAuthenticatedAt} FROM ${users} WHERE ${users.id} = ${userId}), 0)`;
  return db
    .select({ n: sql<number>`count(*)`, last: sql<number | null>`max(${time})` })
    .from(pushes)
    .where(and(sql`${pushes.userId} = ${userId}`, eq(pushes.rpId, rpId), sql`${time} > ${since}`));
}

export function insertPushStatements(db: Db, push: PushRow, deliveries: DeliveryRow[]) {
  return [db.insert(pushes).values(push), db.insert(pushDeliveries).values(deliveries)];
}

/**
 * Ends pushes that are still pending (never a final one): superseded, declined, refused or expired —
 * each of which counts toward push fatigue — or FAILED without counting (nothing reached the user).
 */
export function endPendingStatement(db: Db, ids: string[], status: Exclude<PushStatus, "QUEUED" | "SENT" | "APPROVED">, at: number, unanswered = true) {
  return db
    .update(pushes)
    .set({ status, answeredAt: status === "EXPIRED" || !unanswered ? null : at, unansweredAt: unanswered ? at : null })
    .where(and(inArray(pushes.id, ids), pending));
}

/**
 * The approval. No status guard on purpose: the `pushes_final_once` trigger aborts the batch when the
 * push already ended, so of two answers that both verified only the first commits.
 */
export function approveStatement(db: Db, id: string, authenticationId: string, now: number) {
  return db.update(pushes).set({ status: "APPROVED", answeredAt: now, authenticationId }).where(eq(pushes.id, id));
}

/** The message of the `pushes_final_once` trigger's abort (migrations/0008_push.sql). */
export const ALREADY_FINAL = "PUSH_ALREADY_FINAL";

/** A push of the store (`storeId`: an SQL expression), with its deliveries. */
export function pushQueries(db: Db, storeId: SQL, id: string) {
  return [
    db.select().from(pushes).where(and(eq(pushes.id, id), sql`${pushes.storeId} = ${storeId}`)),
    db.select().from(pushDeliveries).where(and(eq(pushDeliveries.pushId, id), sql`${pushDeliveries.pushId} IN (SELECT ${pushes.id} FROM ${pushes} WHERE ${pushes.storeId} = ${storeId})`)),
  ];
}

/** The appkey of the store registered with `keyId` for the push's relying party. */
export function pushKeyQuery(db: Db, storeId: SQL, pushId: string, keyId: string) {
  const rpId = db.select({ rpId: pushes.rpId }).from(pushes).where(eq(pushes.id, pushId));
  return db
    .select()
    .from(appkeys)
    .where(and(sql`${appkeys.storeId} = ${storeId}`, eq(appkeys.keyId, keyId), sql`${appkeys.rpId} = (${rpId})`))
    .limit(1);
}

/** The owner of a push of the store, as an SQL expression. */
export function pushOwnerOf(db: Db, storeId: SQL, id: string): SQL {
  return sql`(${db.select({ id: pushes.userId }).from(pushes).where(and(eq(pushes.id, id), sql`${pushes.storeId} = ${storeId}`))})`;
}

/** The user's pending pushes and the last 50, newest first, with their deliveries. */
export function userPushesQueries(db: Db, userId: SQL, now: number) {
  const recent = db.select({ id: pushes.id }).from(pushes).where(sql`${pushes.userId} = ${userId}`).orderBy(desc(pushes.createdAt)).limit(HISTORY);
  const listed = and(sql`${pushes.userId} = ${userId}`, sql`((${pending} AND ${pushes.expiresAt} > ${now}) OR ${pushes.id} IN (${recent}))`);
  return [
    db.select().from(pushes).where(listed).orderBy(desc(pushes.createdAt), desc(pushes.id)),
    db
      .select()
      .from(pushDeliveries)
      .where(sql`${pushDeliveries.pushId} IN (${db.select({ id: pushes.id }).from(pushes).where(listed)})`),
  ];
}

/** What the queue consumer needs for one delivery: the push, the delivery, the device's appkey, the store. */
export function deliveryQueries(db: Db, storeId: string, pushId: string, deviceId: string) {
  return [
    db.select().from(pushes).where(and(eq(pushes.id, pushId), eq(pushes.storeId, storeId))),
    db.select().from(pushDeliveries).where(and(eq(pushDeliveries.pushId, pushId), eq(pushDeliveries.deviceId, deviceId))),
    db
      .select()
      .from(appkeys)
      .where(sql`${appkeys.id} = (SELECT ${pushDeliveries.appkeyId} FROM ${pushDeliveries} WHERE ${pushDeliveries.pushId} = ${pushId} AND ${pushDeliveries.deviceId} = ${deviceId})`),
    db.select().from(stores).where(eq(stores.id, storeId)),
  ];
}

export function deliveryOutcomeStatement(db: Db, pushId: string, deviceId: string, status: DeliveryStatus, error: string | null, attempts: number, now: number) {
  return db
    .update(pushDeliveries)
    .set({ status, error, attempts: sql`${pushDeliveries.attempts} + ${attempts}`, updatedAt: now })
    .where(and(eq(pushDeliveries.pushId, pushId), eq(pushDeliveries.deviceId, deviceId)));
}

/** QUEUED → SENT once a device got it; QUEUED → FAILED once no device can. */
export function pushDeliveredStatement(db: Db, pushId: string) {
  const undecided = db
    .select({ one: sql`1` })
    .from(pushDeliveries)
    .where(and(eq(pushDeliveries.pushId, pushId), inArray(pushDeliveries.status, ["QUEUED", "SENT"])));
  const anySent = db
    .select({ one: sql`1` })
    .from(pushDeliveries)
    .where(and(eq(pushDeliveries.pushId, pushId), eq(pushDeliveries.status, "SENT")));
  return db
    .update(pushes)
    .set({ status: sql`CASE WHEN EXISTS ${anySent} THEN 'SENT' ELSE 'FAILED' END` })
    .where(and(eq(pushes.id, pushId), eq(pushes.status, "QUEUED"), sql`(EXISTS ${anySent} OR NOT EXISTS ${undecided})`));
}

/** A push still pending when its time is up (the delayed expiry message). */
export function expiringPushQuery(db: Db, storeId: string, pushId: string, now: number) {
  return db
    .select()
    .from(pushes)
    .where(and(eq(pushes.id, pushId), eq(pushes.storeId, storeId), pending, lte(pushes.expiresAt, now)));
}
