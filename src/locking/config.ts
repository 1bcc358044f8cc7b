import { z } from "@hono/zod-openapi";

/** Defaults, shared by the schema and by the SQL that admits attempts (src/locking/statements.ts). */
export const LOCK_DEFAULTS = { maxFailedAttempts: 5, modalityMaxFailedAttempts: 3, faceMaxFailedAttempts: 5 } as const;

export const UserLockConfig = z
  .object({
    maxFailedAttempts: z.number().int().min(1).max(100).default(LOCK_DEFAULTS.maxFailedAttempts).openapi({ description: "Consecutive failures (any modality) that TEMP_LOCK the user." }),
    tempLockDurationSec: z.number().int().min(1).max(86400).default(300),
    maxTempLocks: z.number().int().min(0).max(100).default(3).openapi({ description: "The N-th temporary lock in a row becomes LOCKED; 0 = never." }),
    modalityMaxFailedAttempts: z.number().int().min(1).max(100).default(LOCK_DEFAULTS.modalityMaxFailedAttempts),
    modalityLockDurationSec: z.number().int().min(1).max(86400).default(300),
    faceMaxFailedAttempts: z.number().int().min(1).max(100).default(LOCK_DEFAULTS.faceMaxFailedAttempts).openapi({ description: "Face's own modality threshold (NIST 800-63B: 5 without liveness)." }),
  })
  .strict()
  .openapi("UserLockConfig");

export type UserLockConfig = z.output<typeof UserLockConfig>;

export const MODALITIES = ["face", "passkey", "appkey", "totp", "passcode"] as const;
export const Modality = z.enum(MODALITIES);
export type Modality = (typeof MODALITIES)[number];

/** The configuration key of a modality's own threshold. */
export function modalityThresholdKey(modality: Modality): "faceMaxFailedAttempts" | "modalityMaxFailedAttempts" {
  return modality === "face" ? "faceMaxFailedAttempts" : "modalityMaxFailedAttempts";
}

export function modalityThreshold(config: UserLockConfig, modality: Modality): number {
  return config[modalityThresholdKey(modality)];
}
