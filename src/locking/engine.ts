import { ApiError, ERRORS } from "../http/errors";
import { modalityThreshold, UserLockConfig, type Modality } from "./config";
import { assertCanAuthenticate, effectiveStatus, type ModalityLockRow, type UserLockRow } from "./state";

/** The store's userLockConfig with its defaults, from the stored configuration. */
export function lockConfig(configuration: unknown): UserLockConfig {
  const section = (configuration as { userLockConfig?: unknown } | null)?.userLockConfig;
  return UserLockConfig.parse(section ?? {});
}

/**
 * Why an attempt was not admitted: the lock or the disabled user when there is one, else the
 * level (user or modality) whose remaining attempts are all in flight.
 */
export function admissionRefusal(
  user: UserLockRow,
  modalities: ModalityLockRow[],
  inFlight: { modality: string; n: number }[],
  modality: Modality,
  config: UserLockConfig,
  now: number,
): ApiError {
  assertCanAuthenticate(user, modalities, modality, now);
  const lock = modalities.find((m) => m.modality === modality);
  const modalityFailures = lock && !(lock.lockedUntil !== null && lock.lockedUntil <= now) ? lock.failedAttempts : 0;
  const inFlightHere = inFlight.find((f) => f.modality === modality)?.n ?? 0;
  if (modalityFailures + inFlightHere >= modalityThreshold(config, modality)) return new ApiError(ERRORS.modalityLocked);
  const userFailures = effectiveStatus(user, now) === user.status ? user.failedAttempts : 0;
  const total = inFlight.reduce((sum, f) => sum + f.n, 0);
  return new ApiError(userFailures + total >= config.maxFailedAttempts ? ERRORS.userLocked : ERRORS.modalityLocked);
}
