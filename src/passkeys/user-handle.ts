import { toBase64Url } from "../crypto/encoding";
import { ownValue } from "../stores/entries";
import type { UserRow } from "../users/storage";

/** The handle already kept at `attributes.passkeyUsers[rpId].USER_HANDLE`, if any (own properties only). */
export function existingUserHandle(user: UserRow, rpId: string): string | undefined {
  const handle = ownValue(ownValue(ownValue(user.attributes, "passkeyUsers"), rpId), "USER_HANDLE");
  return typeof handle === "string" && handle ? handle : undefined;
}

/**
 * The user's WebAuthn user handle for `rpId`: the one already kept, else the one asked for
 * (validated by the request schema), else 32 random bytes. A new one is kept when the
 * registration completes.
 */
export function userHandleFor(user: UserRow, rpId: string, requested: string | undefined): string {
  return existingUserHandle(user, rpId) ?? requested ?? toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
