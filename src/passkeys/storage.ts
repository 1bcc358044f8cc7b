import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { jsonTable } from "../db/json-rows";
import { passkeys, users } from "../db/schema";

export type PasskeyRow = typeof passkeys.$inferSelect;

const passkeyJson = jsonTable(passkeys);

/** All the user's passkeys (`userId`: an SQL expression of the user's id), oldest first, as one JSON column. */
export function userPasskeyRows(userId: SQL) {
  return passkeyJson.rows(sql`${passkeys.userId} = ${userId}`, [passkeys.createdAt, passkeys.id]);
}

/** The passkey of the store (`storeId`: an SQL expression) registered for `rpId` with `credentialId`, whoever owns it. */
export function credentialQuery(db: Db, storeId: SQL, rpId: string, credentialId: string) {
  return db
    .select()
    .from(passkeys)
    .where(and(sql`${passkeys.storeId} = ${storeId}`, eq(passkeys.rpId, rpId), eq(passkeys.credentialId, credentialId)))
    .limit(1);
}

/** The id of the user who owns that credential, as an SQL expression. */
export function credentialOwnerOf(db: Db, storeId: SQL, rpId: string, credentialId: string): SQL {
  return sql`(${db
    .select({ id: passkeys.userId })
    .from(passkeys)
    .where(and(sql`${passkeys.storeId} = ${storeId}`, eq(passkeys.rpId, rpId), eq(passkeys.credentialId, credentialId)))})`;
}

export function insertPasskeyStatement(db: Db, row: PasskeyRow) {
  return db.insert(passkeys).values(row);
}

export function recordAssertionStatement(db: Db, row: Pick<PasskeyRow, "id" | "signCount" | "backupState" | "userVerified">, now: number) {
  return db
    .update(passkeys)
    .set({ signCount: row.signCount, backupState: row.backupState, userVerified: row.userVerified, lastAuthenticatedAt: now, updatedAt: now })
    .where(eq(passkeys.id, row.id))
    .returning();
}

export function disablePasskeyStatement(db: Db, id: string, now: number) {
  return db.update(passkeys).set({ status: "DISABLED", updatedAt: now }).where(eq(passkeys.id, id));
}

export function updatePasskeyStatement(db: Db, id: string, changes: Partial<Pick<PasskeyRow, "status" | "name">>, now: number) {
  return db
    .update(passkeys)
    .set({ ...changes, updatedAt: now })
    .where(eq(passkeys.id, id));
}

export function deletePasskeyStatement(db: Db, id: string) {
  return db.delete(passkeys).where(eq(passkeys.id, id));
}

const handlePath = (rpId: string) => `$.passkeyUsers."${rpId}"`;

/**
 * Keeps `handle` at `attributes.passkeyUsers[rpId].USER_HANDLE` unless the user already has one
 * there (set by a concurrent registration): a user keeps one handle per relying party.
 */
export function keepUserHandleStatement(db: Db, userId: string, rpId: string, handle: string) {
  return db
    .update(users)
    .set({ attributes: sql`json_set(${users.attributes}, ${handlePath(rpId)}, json_object('USER_HANDLE', ${handle}))` })
    .where(and(eq(users.id, userId), sql`json_extract(${users.attributes}, ${`${handlePath(rpId)}.USER_HANDLE`}) IS NULL`));
}
