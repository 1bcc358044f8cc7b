import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { totps } from "../db/schema";
import type { UserView } from "../users/view";

export type TotpRow = typeof totps.$inferSelect;

/** The user's TOTPs as the user view read them (the capability's summary source reads whole rows). */
export function totpsOf(view: UserView): TotpRow[] {
  return (view.credentials.totps ?? []) as TotpRow[];
}

export const totpByPolicy = (view: UserView, policyName: string) => totpsOf(view).find((row) => row.policyName === policyName);
export const totpById = (view: UserView, id: string) => totpsOf(view).find((row) => row.id === id);

/** Advances the accepted step; the migration's trigger aborts the batch if the step is not newer. */
export function acceptStep(db: Db, id: string, step: number, now: number, activate: boolean) {
  return db
    .update(totps)
    .set({
      lastStep: step,
      updatedAt: now,
      ...(activate ? { status: "ACTIVE", activatedAt: now, expiresAt: null } : { lastAuthenticatedAt: now }),
    })
    .where(eq(totps.id, id))
    .returning();
}

export function isStepReplay(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("TOTP_STEP_REPLAYED")) return true;
  }
  return false;
}

/** A new PENDING TOTP replacing the user's PENDING one of the policy (two statements for one batch). */
export function replacePendingStatements(db: Db, row: typeof totps.$inferInsert) {
  return [
    db.delete(totps).where(and(eq(totps.userId, row.userId), eq(totps.policyName, row.policyName), eq(totps.status, "PENDING"))),
    db.insert(totps).values(row),
  ] as const;
}

export function setTotpStatusStatement(db: Db, id: string, status: "ACTIVE" | "DISABLED", now: number) {
  return db.update(totps).set({ status, updatedAt: now }).where(eq(totps.id, id)).returning();
}

export function deleteTotpStatement(db: Db, id: string) {
  return db.delete(totps).where(eq(totps.id, id));
}
