import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { biometrics } from "../db/schema";
import type { UserView } from "../users/view";

export type BiometricRow = typeof biometrics.$inferSelect;

/** The user's biometrics as the user view read them (the summary source reads whole rows). */
export function biometricsOf(view: UserView): BiometricRow[] {
  return (view.credentials.biometrics ?? []) as BiometricRow[];
}

export const biometricOfType = (view: UserView, type: string) => biometricsOf(view).find((row) => row.type === type);

/** Enrols `row`, replacing the user's biometric of the same type (two statements for one batch). */
export function replaceBiometricStatements(db: Db, row: typeof biometrics.$inferInsert) {
  return [db.delete(biometrics).where(and(eq(biometrics.userId, row.userId), eq(biometrics.type, row.type))), db.insert(biometrics).values(row)] as const;
}

export function setBiometricStatusStatement(db: Db, id: string, status: "ACTIVE" | "DISABLED", now: number) {
  return db.update(biometrics).set({ status, updatedAt: now }).where(eq(biometrics.id, id));
}

export function deleteBiometricStatement(db: Db, id: string) {
  return db.delete(biometrics).where(eq(biometrics.id, id));
}
