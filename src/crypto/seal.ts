import { decryptSecret, encryptSecret } from "./encrypt";

// Sealed tokens get their own keys, apart from the keys for data at rest of the same purpose name.
const keyPurpose = (purpose: string) => `sealed:${purpose}`;

/**
 * An opaque, tamper-proof token carrying `payload` until `expiresAtMs` (EXTERNAL session
 * management's `sessionData`): base64url(version ‖ IV ‖ AES-GCM ciphertext of the JSON), with the
 * purpose as additional data, under a key derived for that purpose.
 */
export function seal(rootSecret: string, purpose: string, payload: unknown, expiresAtMs: number): Promise<string> {
  const plaintext = new TextEncoder().encode(JSON.stringify({ payload, expiresAt: expiresAtMs }));
  return encryptSecret(rootSecret, keyPurpose(purpose), plaintext, purpose);
}

/**
 * The payload of a token `seal` made for this purpose, or null when it was altered, made for another
 * purpose or secret, is not a token at all, or has expired: callers answer all of these alike.
 */
export async function unseal<T = unknown>(rootSecret: string, purpose: string, sealed: string, nowMs = Date.now()): Promise<T | null> {
  let opened: { payload: T; expiresAt: unknown };
  try {
    opened = JSON.parse(new TextDecoder().decode(await decryptSecret(rootSecret, keyPurpose(purpose), sealed, purpose)));
  } catch {
    return null;
  }
  return typeof opened.expiresAt === "number" && opened.expiresAt > nowMs ? opened.payload : null;
}
