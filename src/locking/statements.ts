import { and, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { compiledStatement, type Bind } from "../db/compiled";
import { attempts, modalityLocks, stores, users } from "../db/schema";
import { LOCK_DEFAULTS, modalityThreshold, modalityThresholdKey, type Modality, type UserLockConfig } from "./config";

/** How long an admitted attempt holds its slot if its request never writes an outcome. */
export const ATTEMPT_LEASE_MS = 60_000;

/** A user whose failures still count: not disabled, not admin-locked, not inside a temporary lock. */
function countsFailures(now: number | Placeholder): SQL {
  return sql`${users.status} IN ('ACTIVE', 'PENDING_ACTIVE', 'TEMP_LOCKED') AND NOT (${users.status} = 'TEMP_LOCKED' AND ${users.lockedUntil} > ${now})`;
}

/**
 * One failed attempt, as two statements for one batch: the modality counter, then the user
 * counter. Each is a single write computed from the row's current values, so parallel failures
 * serialize in D1 and none is lost; crossing a threshold sets the lock in the same write.
 * The user counter moves only if the modality counter did (`changes()` of the statement just
 * before it in the batch): an attempt refused by a locked user or modality counts nowhere.
 */
export function failureStatements(db: Db, userId: string, modality: Modality, config: UserLockConfig, now: number) {
  const modalityMax = modalityThreshold(config, modality);
  const modalityUntil = now + config.modalityLockDurationSec * 1000;
  const modalityCount = sql`(CASE WHEN ${modalityLocks.lockedUntil} <= ${now} THEN 0 ELSE ${modalityLocks.failedAttempts} END) + 1`;
  const modalityUpsert = db
    .insert(modalityLocks)
    .select(
      db
        .select({
          userId: sql<string>`${userId}`.as("user_id"),
          modality: sql<string>`${modality}`.as("modality"),
          failedAttempts: sql<number>`1`.as("failed_attempts"),
          lockedUntil: sql<number | null>`CASE WHEN 1 >= ${modalityMax} THEN ${modalityUntil} END`.as("locked_until"),
        })
        .from(users)
        .where(and(eq(users.id, userId), countsFailures(now))),
    )
    .onConflictDoUpdate({
      target: [modalityLocks.userId, modalityLocks.modality],
      set: {
        failedAttempts: modalityCount,
        lockedUntil: sql`CASE WHEN ${modalityCount} >= ${modalityMax} THEN ${modalityUntil} END`,
      },
      setWhere: sql`${modalityLocks.lockedUntil} IS NULL OR ${modalityLocks.lockedUntil} <= ${now}`,
    });

  const tempLockOver = sql`(${users.status} = 'TEMP_LOCKED' AND ${users.lockedUntil} <= ${now})`;
  const count = sql`(CASE WHEN ${tempLockOver} THEN 0 ELSE ${users.failedAttempts} END) + 1`;
  const crosses = sql`(${count} >= ${config.maxFailedAttempts})`;
  const becomesLocked = sql`(${crosses} AND ${config.maxTempLocks} > 0 AND ${users.tempLockCount} + 1 >= ${config.maxTempLocks})`;
  const userUpdate = db
    .update(users)
    .set({
      failedAttempts: count,
      tempLockCount: sql`CASE WHEN ${crosses} THEN ${users.tempLockCount} + 1 ELSE ${users.tempLockCount} END`,
      status: sql`CASE WHEN ${becomesLocked} THEN 'LOCKED' WHEN ${crosses} THEN 'TEMP_LOCKED' WHEN ${tempLockOver} THEN 'ACTIVE' ELSE ${users.status} END`,
      lockedUntil: sql`CASE WHEN ${becomesLocked} THEN NULL WHEN ${crosses} THEN ${now + config.tempLockDurationSec * 1000} WHEN ${tempLockOver} THEN NULL ELSE ${users.lockedUntil} END`,
      updatedAt: now,
    })
    .where(and(eq(users.id, userId), sql`changes() > 0`));
  return [modalityUpsert, userUpdate] as const;
}

const resetUser = compiledStatement((db, bind: Bind<"userId" | "now">) =>
  db
    .update(users)
    .set({
      failedAttempts: 0,
      tempLockCount: 0,
      lockedUntil: null,
      status: sql`CASE WHEN ${users.status} IN ('PENDING_ACTIVE', 'TEMP_LOCKED') THEN 'ACTIVE' ELSE ${users.status} END`,
      lastAuthenticatedAt: sql`${bind("now")}`,
      updatedAt: sql`${bind("now")}`,
    })
    .where(eq(users.id, bind("userId")))
    .returning(),
);

const resetModality = compiledStatement((db, bind: Bind<"userId" | "modality">) =>
  db.delete(modalityLocks).where(and(eq(modalityLocks.userId, bind("userId")), eq(modalityLocks.modality, bind("modality")))),
);

/**
 * A success resets the user's counters (ending PENDING_ACTIVE) and that modality's counter; the
 * user row as it leaves it is returned (last). `modalityCounted`: the modality had a counter row
 * when the attempt read the user; without one there is nothing to reset, and a failure that
 * lands between that read and this write is ordered after the success, so it keeps its count.
 */
export function successStatements(db: Db, userId: string, modality: Modality, now: number, modalityCounted: boolean) {
  return [...(modalityCounted ? [resetModality(db, { userId, modality })] : []), resetUser(db, { userId, now })];
}

/** Admin unlock: clears every counter and modality lock. */
export function unlockStatements(db: Db, userId: string) {
  return [
    db.delete(modalityLocks).where(eq(modalityLocks.userId, userId)),
    db.update(users).set({ failedAttempts: 0, tempLockCount: 0, lockedUntil: null }).where(eq(users.id, userId)),
  ] as const;
}

/** A threshold of the store's userLockConfig, read in SQL from the stored configuration (defaults as the schema's). */
function thresholdOf(key: keyof typeof LOCK_DEFAULTS): SQL {
  return sql`coalesce(json_extract(${stores.configuration}, ${`$.userLockConfig.${key}`}), ${LOCK_DEFAULTS[key]})`;
}

const liveAttempts = (userId: SQL, now: number | Placeholder, modality?: Modality) =>
  sql`(SELECT count(*) FROM ${attempts} WHERE ${attempts.userId} = ${userId} AND ${attempts.expiresAt} > ${now}${modality ? sql` AND ${attempts.modality} = ${modality}` : sql``})`;

/** An attempt's values: each a value or, in a compiled statement, a placeholder for it. */
export interface AdmissionValues {
  attemptId: string | Placeholder;
  now: number | Placeholder;
  /** When the reservation lapses: `now` + {@link ATTEMPT_LEASE_MS}. */
  expiresAt: number | Placeholder;
}

/**
 * Admission of one attempt, as a single statement that reserves it: the row is inserted only while
 * the user can authenticate and both the user and the modality have an attempt left once the
 * failures already counted and the attempts still in flight are taken off. D1 runs statements one
 * at a time, so of N concurrent attempts at most the remaining number are admitted; `RETURNING`
 * tells the caller whether its own was.
 */
export function admissionStatement(db: Db, { attemptId, now, expiresAt }: AdmissionValues, userId: SQL, modality: Modality) {
  const tempLockOver = sql`(${users.status} = 'TEMP_LOCKED' AND ${users.lockedUntil} <= ${now})`;
  const userFailures = sql`(CASE WHEN ${tempLockOver} THEN 0 ELSE ${users.failedAttempts} END)`;
  const modalityFailures = sql`coalesce((SELECT CASE WHEN ${modalityLocks.lockedUntil} <= ${now} THEN 0 ELSE ${modalityLocks.failedAttempts} END FROM ${modalityLocks} WHERE ${modalityLocks.userId} = ${users.id} AND ${modalityLocks.modality} = ${modality}), 0)`;
  const modalityLocked = sql`EXISTS (SELECT 1 FROM ${modalityLocks} WHERE ${modalityLocks.userId} = ${users.id} AND ${modalityLocks.modality} = ${modality} AND ${modalityLocks.lockedUntil} > ${now})`;
  return db
    .insert(attempts)
    .select(
      db
        .select({
          id: sql<string>`${attemptId}`.as("id"),
          userId: users.id,
          modality: sql<string>`${modality}`.as("modality"),
          expiresAt: sql<number>`${expiresAt}`.as("expires_at"),
        })
        .from(users)
        .innerJoin(stores, eq(stores.id, users.storeId))
        .where(
          and(
            sql`${users.id} = ${userId}`,
            countsFailures(now),
            sql`NOT ${modalityLocked}`,
            sql`${userFailures} + ${liveAttempts(sql`${users.id}`, now)} < ${thresholdOf("maxFailedAttempts")}`,
            sql`${modalityFailures} + ${liveAttempts(sql`${users.id}`, now, modality)} < ${thresholdOf(modalityThresholdKey(modality))}`,
          ),
        ),
    )
    .returning({ id: attempts.id });
}

const release = compiledStatement((db, bind: Bind<"attemptId" | "userId" | "now">) =>
  db.delete(attempts).where(sql`${attempts.id} = ${bind("attemptId")} OR (${attempts.userId} = ${bind("userId")} AND ${attempts.expiresAt} <= ${bind("now")})`),
);

/** Ends an admitted attempt (whatever its outcome) and drops the user's lapsed reservations. */
export function releaseStatement(db: Db, attemptId: string, userId: string, now: number) {
  return release(db, { attemptId, userId, now });
}
