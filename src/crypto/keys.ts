const encoder = new TextEncoder();
const cache = new Map<string, Promise<CryptoKey>>();

async function hkdfBase(rootSecret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(rootSecret), "HKDF", false, ["deriveKey"]);
}

function derive(rootSecret: string, purpose: string, algorithm: SubtleCryptoImportKeyAlgorithm, usages: string[]) {
  const cacheKey = `${algorithm.name}\u0000${purpose}\u0000${rootSecret}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = hkdfBase(rootSecret).then((base) =>
      crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: encoder.encode("identity-store/v1"), info: encoder.encode(purpose) },
        base,
        algorithm,
        false,
        usages,
      ),
    );
    cache.set(cacheKey, key);
  }
  return key;
}

/**
 * A purpose-bound AES-256-GCM key derived (HKDF-SHA-256) from the root secret
 * `DATA_ENCRYPTION_KEY`: each purpose ("totp-secret", "passkey-session", …) gets its own key.
 */
export function aesKey(rootSecret: string, purpose: string): Promise<CryptoKey> {
  return derive(rootSecret, `aes:${purpose}`, { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]);
}

/** A purpose-bound HMAC-SHA-256 key derived from the root secret. */
export function hmacKey(rootSecret: string, purpose: string): Promise<CryptoKey> {
  return derive(rootSecret, `hmac:${purpose}`, { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign", "verify"]);
}
