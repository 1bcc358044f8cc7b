import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { modalityThreshold, type Modality, type UserLockConfig } from "./config";

/** A user whose failures still count: not disabled, not admin-locked, not inside a temporary lock. */
function countsFailures(now: number): SQL {
  return sql`status IN ('ACTIVE', 'PENDING_ACTIVE', 'TEMP_LOCKED') AND NOT (status = 'TEMP_LOCKED' AND locked_until > ${now})`;
}

/**
 * One failed attempt, as two statements for one batch: the modality counter, then the user
 * counter. Each is a single UPDATE/UPSERT computed from the row's current values, so parallel
 * failures serialize in D1 and none is lost; crossing a threshold sets the lock in the same write.
 */
export function failureStatements(db: Db, userId: string, modality: Modality, config: UserLockConfig, now: number) {
  const modalityMax = modalityThreshold(config, modality);
  const modalityUntil = now + config.modalityLockDurationSec * 1000;
  const modalityBase = sql`(CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 0 ELSE failed_attempts END)`;
  const modalityUpsert = db.run(sql`
    INSERT INTO modality_locks (user_id, modality, failed_attempts, locked_until)
    SELECT ${userId}, ${modality}, 1, CASE WHEN 1 >= ${modalityMax} THEN ${modalityUntil} END
    FROM users WHERE id = ${userId} AND ${countsFailures(now)}
    ON CONFLICT (user_id, modality) DO UPDATE SET
      failed_attempts = ${modalityBase} + 1,
      locked_until = CASE WHEN ${modalityBase} + 1 >= ${modalityMax} THEN ${modalityUntil} END
    WHERE locked_until IS NULL OR locked_until <= ${now}`);

  const tempLockOver = sql`(status = 'TEMP_LOCKED' AND locked_until <= ${now})`;
  const count = sql`(CASE WHEN ${tempLockOver} THEN 0 ELSE failed_attempts END) + 1`;
  const crosses = sql`(${count} >= ${config.maxFailedAttempts})`;
  const becomesLocked = sql`(${crosses} AND ${config.maxTempLocks} > 0 AND temp_lock_count + 1 >= ${config.maxTempLocks})`;
  const userUpdate = db.run(sql`
    UPDATE users SET
      failed_attempts = ${count},
      temp_lock_count = CASE WHEN ${crosses} THEN temp_lock_count + 1 ELSE temp_lock_count END,
      status = CASE WHEN ${becomesLocked} THEN 'LOCKED' WHEN ${crosses} THEN 'TEMP_LOCKED' WHEN ${tempLockOver} THEN 'ACTIVE' ELSE status END,
      locked_until = CASE WHEN ${becomesLocked} THEN NULL WHEN ${crosses} THEN ${now + config.tempLockDurationSec * 1000} WHEN ${tempLockOver} THEN NULL ELSE locked_until END,
      updated_at = ${now}
    WHERE id = ${userId} AND ${countsFailures(now)}`);
  return [modalityUpsert, userUpdate] as const;
}

/** A success resets the user's counters (ending PENDING_ACTIVE) and that modality's counter. */
export function successStatements(db: Db, userId: string, modality: Modality, now: number) {
  return [
    db.run(sql`DELETE FROM modality_locks WHERE user_id = ${userId} AND modality = ${modality}`),
    db.run(sql`
      UPDATE users SET failed_attempts = 0, temp_lock_count = 0, locked_until = NULL,
        status = CASE WHEN status IN ('PENDING_ACTIVE', 'TEMP_LOCKED') THEN 'ACTIVE' ELSE status END,
        last_authenticated_at = ${now}, updated_at = ${now}
      WHERE id = ${userId}`),
  ] as const;
}

/** Admin unlock: clears every counter and modality lock. */
export function unlockStatements(db: Db, userId: string) {
  return [
    db.run(sql`DELETE FROM modality_locks WHERE user_id = ${userId}`),
    db.run(sql`UPDATE users SET failed_attempts = 0, temp_lock_count = 0, locked_until = NULL WHERE id = ${userId}`),
  ] as const;
}
