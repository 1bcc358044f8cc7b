import { toDtm } from "../http/dtm";
import { ApiError, ERRORS } from "../http/errors";
import type { Modality } from "./config";

export const USER_STATUSES = ["ACTIVE", "PENDING_ACTIVE", "TEMP_LOCKED", "LOCKED", "DISABLED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserLockRow {
  status: string;
  failedAttempts: number;
  tempLockCount: number;
  lockedUntil: number | null;
}

export interface ModalityLockRow {
  modality: string;
  failedAttempts: number;
  lockedUntil: number | null;
}

const isPast = (until: number | null, now: number) => until !== null && until <= now;

/** TEMP_LOCKED ends by itself: once its time is up the user reads as ACTIVE with a fresh counter. */
export function effectiveStatus(user: UserLockRow, now: number): UserStatus {
  return user.status === "TEMP_LOCKED" && isPast(user.lockedUntil, now) ? "ACTIVE" : (user.status as UserStatus);
}

export function lockView(user: UserLockRow, modalities: ModalityLockRow[], now: number) {
  const tempLockOver = user.status === "TEMP_LOCKED" && isPast(user.lockedUntil, now);
  return {
    failedAttempts: tempLockOver ? 0 : user.failedAttempts,
    tempLockCount: user.tempLockCount,
    lockedUntilDtm: user.status === "TEMP_LOCKED" && !tempLockOver ? toDtm(user.lockedUntil) : null,
    modalities: Object.fromEntries(
      modalities.map((m) => {
        const over = isPast(m.lockedUntil, now);
        return [m.modality, { failedAttempts: over ? 0 : m.failedAttempts, lockedUntilDtm: over ? null : toDtm(m.lockedUntil) }];
      }),
    ),
  };
}

/** Throws the lock error that refuses an authentication with `modality` right now, if any. */
export function assertCanAuthenticate(user: UserLockRow, modalities: ModalityLockRow[], modality: Modality, now: number): void {
  const status = effectiveStatus(user, now);
  if (status === "DISABLED") throw new ApiError(ERRORS.userDisabled);
  if (status === "LOCKED" || status === "TEMP_LOCKED") throw new ApiError(ERRORS.userLocked);
  const lock = modalities.find((m) => m.modality === modality);
  if (lock?.lockedUntil != null && lock.lockedUntil > now) throw new ApiError(ERRORS.modalityLocked);
}
