export type SrpHash = "SHA-1" | "SHA-256" | "SHA-512";

/** H(part₁ | part₂ | …) with WebCrypto. */
export async function hash(algorithm: SrpHash, ...parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest(algorithm, joined));
}
