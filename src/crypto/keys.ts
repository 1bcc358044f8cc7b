const encoder = new TextEncoder();
const cache = new Map<string, Promise<CryptoKey>>();

/** Shorter than 32 random bytes in base64url: most likely an unset or placeholder secret. */
const MIN_ROOT_SECRET_LENGTH = 32;

function derive(rootSecret: string, purpose: string, algorithm: SubtleCryptoImportKeyAlgorithm, usages: string[]): Promise<CryptoKey> {
  // An unset binding would otherwise derive working keys from the empty string.
  if (typeof rootSecret !== "string" || rootSecret.length < MIN_ROOT_SECRET_LENGTH) {
    return Promise.reject(new Error(`DATA_ENCRYPTION_KEY must be at least ${MIN_ROOT_SECRET_LENGTH} characters`));
  }
  const cacheKey = `${purpose}\u0000${rootSecret}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(rootSecret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: encoder.encode("identity-store/v1"), info: encoder.encode(purpose) },
          base,
          algorithm,
          false,
          usages,
        ),
      );
    key.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, key);
  }
  return key;
}

/**
 * A purpose-bound AES-256-GCM key derived (HKDF-SHA-256, info `aes:<purpose>`) from the root
 * secret `DATA_ENCRYPTION_KEY`: each purpose ("totp-secret", "passkey-session", …) gets its own key.
 */
export function aesKey(rootSecret: string, purpose: string): Promise<CryptoKey> {
  return derive(rootSecret, `aes:${purpose}`, { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]);
}

/** A purpose-bound HMAC-SHA-256 key (HKDF-SHA-256, info `hmac:<purpose>`) derived from the root secret. */
export function hmacKey(rootSecret: string, purpose: string): Promise<CryptoKey> {
  return derive(rootSecret, `hmac:${purpose}`, { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign", "verify"]);
}
