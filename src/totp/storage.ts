import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { totps } from "../db/schema";

export type TotpRow = typeof totps.$inferSelect;

export async function findTotpByPolicy(db: Db, userId: string, policyName: string): Promise<TotpRow | undefined> {
  const [row] = await db.select().from(totps).where(and(eq(totps.userId, userId), eq(totps.policyName, policyName))).limit(1);
  return row;
}

export async function findTotp(db: Db, userId: string, id: string): Promise<TotpRow | undefined> {
  const [row] = await db.select().from(totps).where(and(eq(totps.userId, userId), eq(totps.id, id))).limit(1);
  return row;
}

export function listTotps(db: Db, userId: string): Promise<TotpRow[]> {
  return db.select().from(totps).where(eq(totps.userId, userId)).orderBy(totps.createdAt, totps.id);
}

/** Advances the accepted step; the migration's trigger aborts the batch if the step is not newer. */
export function acceptStep(db: Db, id: string, step: number, now: number, activate: boolean) {
  return db
    .update(totps)
    .set({
      lastStep: step,
      updatedAt: now,
      ...(activate ? { status: "ACTIVE", activatedAt: now, expiresAt: null } : { lastAuthenticatedAt: now }),
    })
    .where(eq(totps.id, id));
}

export function isStepReplay(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("TOTP_STEP_REPLAYED")) return true;
  }
  return false;
}
