import { decryptSecret, encryptSecret } from "./encrypt";

/**
 * Opaque, tamper-proof tokens (EXTERNAL session management's `sessionData`): the JSON payload and
 * its expiry, AES-GCM-encrypted under the key for `purpose`. Returns null for anything that was
 * not sealed by us for this purpose, was altered, or has expired.
 */
export async function seal(rootSecret: string, purpose: string, payload: unknown, expiresAtMs: number): Promise<string> {
  const plaintext = new TextEncoder().encode(JSON.stringify({ payload, expiresAt: expiresAtMs }));
  return encryptSecret(rootSecret, purpose, plaintext, purpose);
}

export async function unseal<T = unknown>(rootSecret: string, purpose: string, sealed: string, nowMs = Date.now()): Promise<T | null> {
  try {
    const plaintext = await decryptSecret(rootSecret, purpose, sealed, purpose);
    const { payload, expiresAt } = JSON.parse(new TextDecoder().decode(plaintext)) as { payload: T; expiresAt: number };
    return typeof expiresAt === "number" && expiresAt > nowMs ? payload : null;
  } catch {
    return null;
  }
}
