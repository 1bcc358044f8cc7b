import { eq } from "drizzle-orm";
import { toBase64Url } from "../crypto/encoding";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import type { UserRow } from "../users/storage";

type PasskeyUsers = Record<string, { USER_HANDLE?: string }>;

/**
 * The user's WebAuthn user handle for `rpId`, kept at `attributes.passkeyUsers[rpId].USER_HANDLE`:
 * the one already there, else the one asked for (validated by the request schema), else 32
 * random bytes.
 */
export async function userHandleFor(db: Db, user: UserRow, rpId: string, requested: string | undefined): Promise<string> {
  const attributes = (user.attributes ?? {}) as { passkeyUsers?: PasskeyUsers };
  const existing = attributes.passkeyUsers?.[rpId]?.USER_HANDLE;
  if (existing) return existing;
  const handle = requested ?? toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const passkeyUsers = { ...attributes.passkeyUsers, [rpId]: { USER_HANDLE: handle } };
  await db.update(users).set({ attributes: { ...attributes, passkeyUsers } }).where(eq(users.id, user.id));
  return handle;
}
