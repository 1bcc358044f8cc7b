import { fromBase64Url, toBase64Url } from "./encoding";
import { aesKey } from "./keys";

const VERSION = 1;
const IV_BYTES = 12;

/**
 * Encrypts a secret for storage: base64url(version ‖ IV ‖ AES-GCM ciphertext+tag), under the key
 * derived for `purpose`, with `aad` (the owning row's id) authenticated so a ciphertext copied to
 * another row does not decrypt.
 */
export async function encryptSecret(rootSecret: string, purpose: string, plaintext: Uint8Array, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await aesKey(rootSecret, purpose);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, key, plaintext),
  );
  const out = new Uint8Array(1 + IV_BYTES + ciphertext.length);
  out[0] = VERSION;
  out.set(iv, 1);
  out.set(ciphertext, 1 + IV_BYTES);
  return toBase64Url(out);
}

/** Decrypts what `encryptSecret` produced; throws when the data, purpose or aad do not match. */
export async function decryptSecret(rootSecret: string, purpose: string, sealed: string, aad: string): Promise<Uint8Array> {
  const bytes = fromBase64Url(sealed);
  if (bytes[0] !== VERSION || bytes.length < 1 + IV_BYTES + 16) throw new Error("unknown ciphertext format");
  const key = await aesKey(rootSecret, purpose);
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.subarray(1, 1 + IV_BYTES), additionalData: new TextEncoder().encode(aad) },
    key,
    bytes.subarray(1 + IV_BYTES),
  );
  return new Uint8Array(plaintext);
}
