import { constantTimeEqual } from "../crypto/constant-time";
import { toBase64Url } from "../crypto/encoding";
import { hmacKey } from "../crypto/keys";

const RANGE = 1_000_000;
// the largest multiple of RANGE below 2^32: values above it would make low numbers likelier
const LIMIT = Math.floor(2 ** 32 / RANGE) * RANGE;

/** Six uniformly random decimal digits. */
export function newMatchingNumber(): string {
  for (;;) {
    const [value] = crypto.getRandomValues(new Uint32Array(1));
    if (value! < LIMIT) return String(value! % RANGE).padStart(6, "0");
  }
}

/** What is stored instead of the number: HMAC-SHA-256 over the push id and the number. */
export async function numberDigest(rootSecret: string, pushId: string, number: string): Promise<string> {
  const key = await hmacKey(rootSecret, "push-matching-number");
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${pushId}\u0000${number}`))));
}

/** Whether `typed` is the push's number, compared in constant time. */
export async function numberMatches(rootSecret: string, pushId: string, digest: string, typed: string): Promise<boolean> {
  return constantTimeEqual(await numberDigest(rootSecret, pushId, typed), digest);
}
