import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { biometrics } from "../db/schema";

export type BiometricRow = typeof biometrics.$inferSelect;

export async function findBiometric(db: Db, userId: string, type: string): Promise<BiometricRow | undefined> {
  const [row] = await db.select().from(biometrics).where(and(eq(biometrics.userId, userId), eq(biometrics.type, type))).limit(1);
  return row;
}

export function listBiometrics(db: Db, userId: string): Promise<BiometricRow[]> {
  return db.select().from(biometrics).where(eq(biometrics.userId, userId)).orderBy(biometrics.createdAt);
}
