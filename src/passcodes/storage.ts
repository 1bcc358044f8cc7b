import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { passcodes } from "../db/schema";

export type PasscodeRow = typeof passcodes.$inferSelect;

export async function findPasscodeByPolicy(db: Db, userId: string, policyName: string): Promise<PasscodeRow | undefined> {
  const [row] = await db.select().from(passcodes).where(and(eq(passcodes.userId, userId), eq(passcodes.policyName, policyName))).limit(1);
  return row;
}

export async function findPasscode(db: Db, userId: string, id: string): Promise<PasscodeRow | undefined> {
  const [row] = await db.select().from(passcodes).where(and(eq(passcodes.userId, userId), eq(passcodes.id, id))).limit(1);
  return row;
}

export function listPasscodes(db: Db, userId: string): Promise<PasscodeRow[]> {
  return db.select().from(passcodes).where(eq(passcodes.userId, userId)).orderBy(passcodes.createdAt, passcodes.id);
}

export function deletePasscode(db: Db, id: string) {
  return db.delete(passcodes).where(eq(passcodes.id, id));
}
