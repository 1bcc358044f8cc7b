export type TotpAlgorithm = "SHA1" | "SHA256" | "SHA512";

const WEBCRYPTO_HASH: Record<TotpAlgorithm, string> = { SHA1: "SHA-1", SHA256: "SHA-256", SHA512: "SHA-512" };

export function hmacKey(secret: Uint8Array, algorithm: TotpAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: WEBCRYPTO_HASH[algorithm] }, false, ["sign"]);
}

/** RFC 4226 HOTP value for `counter`, as a zero-padded decimal string of `digits`. */
export async function hotp(key: CryptoKey, counter: number, digits: number): Promise<string> {
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return (binary % 10 ** digits).toString().padStart(digits, "0");
}
