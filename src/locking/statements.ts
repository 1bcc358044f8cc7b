import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { modalityLocks, users } from "../db/schema";
import { modalityThreshold, type Modality, type UserLockConfig } from "./config";

/** A user whose failures still count: not disabled, not admin-locked, not inside a temporary lock. */
function countsFailures(now: number): SQL {
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

/** A success resets the user's counters (ending PENDING_ACTIVE) and that modality's counter. */
export function successStatements(db: Db, userId: string, modality: Modality, now: number) {
  return [
    db.delete(modalityLocks).where(and(eq(modalityLocks.userId, userId), eq(modalityLocks.modality, modality))),
    db
      .update(users)
      .set({
        failedAttempts: 0,
        tempLockCount: 0,
        lockedUntil: null,
        status: sql`CASE WHEN ${users.status} IN ('PENDING_ACTIVE', 'TEMP_LOCKED') THEN 'ACTIVE' ELSE ${users.status} END`,
        lastAuthenticatedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, userId)),
  ] as const;
}

/** Admin unlock: clears every counter and modality lock. */
export function unlockStatements(db: Db, userId: string) {
  return [
    db.delete(modalityLocks).where(eq(modalityLocks.userId, userId)),
    db.update(users).set({ failedAttempts: 0, tempLockCount: 0, lockedUntil: null }).where(eq(users.id, userId)),
  ] as const;
}
