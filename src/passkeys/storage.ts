import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { passkeys } from "../db/schema";

export type PasskeyRow = typeof passkeys.$inferSelect;

export async function findPasskeyByCredential(db: Db, storeId: string, rpId: string, credentialId: string): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.storeId, storeId), eq(passkeys.rpId, rpId), eq(passkeys.credentialId, credentialId)))
    .limit(1);
  return row;
}

export async function findPasskey(db: Db, userId: string, id: string): Promise<PasskeyRow | undefined> {
  const [row] = await db.select().from(passkeys).where(and(eq(passkeys.userId, userId), eq(passkeys.id, id))).limit(1);
  return row;
}

export function listPasskeys(db: Db, userId: string, rpId?: string): Promise<PasskeyRow[]> {
  return db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.userId, userId), rpId ? eq(passkeys.rpId, rpId) : undefined))
    .orderBy(passkeys.createdAt, passkeys.id);
}
