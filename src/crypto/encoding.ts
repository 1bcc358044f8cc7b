/** Base64url without padding (WebAuthn, UAF, sealed tokens, ids). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Strict base64url decoding: no padding, no other alphabet, and only the canonical spelling (unused
 * trailing bits zero), so one byte string has exactly one text form. Throws on anything else.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new TypeError("not base64url");
  const bytes = fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
  if (toBase64Url(bytes) !== text) throw new TypeError("not canonical base64url");
  return bytes;
}

/** Standard base64 with padding (images). */
export function toBase64(bytes: Uint8Array): string {
  // Chunked (argument-count limit) and joined once: spreading big chunks is ~10× slower on images.
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x2000) chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]));
  return btoa(chunks.join(""));
}

/** Standard base64, padding optional; throws on malformed input (atob alone would skip whitespace). */
export function fromBase64(text: string): Uint8Array {
  // Character-class checks only: a regex with a repeated group overflows the stack on images.
  const unpadded = text.replace(/=+$/, "");
  const padded = unpadded.length !== text.length;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || unpadded.length % 4 === 1 || (padded && text.length % 4 !== 0)) {
    throw new TypeError("not base64");
  }
  const binary = atob(text.padEnd(text.length + ((4 - (text.length % 4)) % 4), "="));
  // An indexed loop: Uint8Array.from(string, …) iterates code points and is ~30× slower on images.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Lowercase hex (SRP numbers). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex of either case; throws on an odd length or a non-hex digit. */
export function fromHex(text: string): Uint8Array {
  if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2 !== 0) throw new TypeError("not hex");
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
