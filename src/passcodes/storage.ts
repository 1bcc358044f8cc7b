import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { jsonTable } from "../db/json-rows";
import { passcodes } from "../db/schema";
import { matchesUser } from "../users/view";

export type PasscodeRow = typeof passcodes.$inferSelect;
export type PasscodeChanges = Partial<Pick<PasscodeRow, "status" | "salt" | "sealedVerifier" | "expiresAt" | "lastAuthenticatedAt">> & { updatedAt: number };

const passcodeJson = jsonTable(passcodes);

/** All the user's passcodes, oldest first, as one JSON column (the user view's `credentials.passcodes`). */
export function userPasscodeRows(userId: SQL) {
  return passcodeJson.rows(matchesUser(passcodes.userId, userId), [passcodes.createdAt, passcodes.id]);
}

export function insertPasscodeStatement(db: Db, row: PasscodeRow) {
  return db.insert(passcodes).values(row);
}

export function updatePasscodeStatement(db: Db, id: string, changes: PasscodeChanges) {
  return db.update(passcodes).set(changes).where(eq(passcodes.id, id));
}

export function deletePasscodeStatement(db: Db, id: string) {
  return db.delete(passcodes).where(eq(passcodes.id, id));
}

/** Deletes one passcode of the user `userId` (an SQL expression scoped to the store); returns what was deleted. */
export function deleteUserPasscodeStatement(db: Db, userId: SQL, id: string) {
  return db
    .delete(passcodes)
    .where(and(eq(passcodes.id, id), matchesUser(passcodes.userId, userId)))
    .returning({ id: passcodes.id });
}
