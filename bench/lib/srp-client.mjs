// The client side of the passcodes' SRP-6a `rfc5054` profile (docs/design.md, spec 03), in plain
// JS with BigInt and node:crypto, for the load generator. Synchronous on purpose: autocannon's
// setupRequest cannot await.
//
//   k  = H(bytes(N) | PAD(g))
//   x  = H(salt | bytes(H(I ":" P) as an integer))          v = g^x mod N
//   A  = g^a mod N                                          u = H(PAD(A) | PAD(B))
//   S  = (B − k·v)^(a + u·x) mod N                          K = H(bytes(S))
//   M1 = H((H(bytes(N)) xor H(PAD(g))) | H(I) | bytes(salt as an integer) | bytes(A) | bytes(B) | K)
//   M2 = H(bytes(A) | M1 | K)
//
// Modular exponentiation: `modPow` (BigInt, sliding window) is the reference; `fastModPow` uses
// OpenSSL through node:crypto's Diffie-Hellman (computeSecret = base^privateKey mod prime), which
// costs the load generator far less CPU. `checkFastModPow()` compares the two before use.
import { createDiffieHellman, createHash, randomBytes } from "node:crypto";

const NODE_HASH = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-512": "sha512" };

/** H(part₁ | part₂ | …) with node:crypto. */
export function hash(algorithm, ...parts) {
  const h = createHash(NODE_HASH[algorithm] ?? algorithm);
  for (const part of parts) h.update(part);
  return h.digest();
}

export const toHex = (bytes) => Buffer.from(bytes).toString("hex");
export const fromHex = (hex) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
export const toBigInt = (bytes) => (bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`));

/** bytes(x): big-endian, no leading zero bytes (0 → one zero byte). */
export function bytesOf(x) {
  return fromHex(x.toString(16));
}

/** PAD(x): big-endian, left-padded with zeros to `length` bytes. */
export function padded(x, length) {
  const bytes = bytesOf(x);
  if (bytes.length > length) throw new RangeError("value longer than the pad length");
  return Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

/** The wire form of a number: lowercase hex of bytes(x). */
export const hexOf = (x) => toHex(bytesOf(x));

const WINDOW_BITS = 5;

/** base^exponent mod modulus, BigInt, left-to-right sliding window. */
export function modPow(base, exponent, modulus) {
  if (modulus === 1n) return 0n;
  base %= modulus;
  if (base < 0n) base += modulus;
  const square = (base * base) % modulus;
  const odd = [base];
  for (let i = 1; i < 1 << (WINDOW_BITS - 1); i++) odd.push((odd[i - 1] * square) % modulus);
  const bits = exponent.toString(2);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === "0") {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    let end = Math.min(i + WINDOW_BITS, bits.length);
    while (bits[end - 1] === "0") end--;
    for (let j = i; j < end; j++) result = (result * result) % modulus;
    result = (result * odd[(parseInt(bits.slice(i, end), 2) - 1) >> 1]) % modulus;
    i = end;
  }
  return result;
}

const dhCache = new Map();

/**
 * base^exponent mod N with OpenSSL (node:crypto Diffie-Hellman over the prime N). Valid for
 * 1 < base < N − 1 and 0 < exponent (OpenSSL refuses other public values); falls back to
 * `modPow` outside that range.
 */
export function fastModPow(base, exponent, N) {
  base %= N;
  if (base < 0n) base += N;
  if (base <= 1n || base >= N - 1n || exponent <= 0n) return modPow(base, exponent, N);
  let dh = dhCache.get(N);
  // Generator 3, not 2: with g = 2, OpenSSL recognises the RFC 3526 primes (3072, 4096) as named
  // groups, sets q and then checks base^q = 1 on every call (a full-size modexp, failing for half
  // the bases). computeSecret does not use the generator.
  if (!dh) dhCache.set(N, (dh = createDiffieHellman(bytesOf(N), Buffer.from([3])))); // checks N once (slow)
  dh.setPrivateKey(bytesOf(exponent));
  try {
    return toBigInt(dh.computeSecret(bytesOf(base)));
  } catch (error) {
    fastModPowFailures.push({ message: error.message, base: base.toString(16), exponent: exponent.toString(16) });
    return modPow(base, exponent, N);
  }
}

/** Inputs OpenSSL refused (fastModPow then used modPow); inspected by the operations. */
export const fastModPowFailures = [];

/** Compares fastModPow with modPow on random values of group N; throws when they differ. */
export function checkFastModPow(N, rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    const base = (toBigInt(randomBytes(bytesOf(N).length)) % (N - 3n)) + 2n;
    const exponent = toBigInt(randomBytes(64)) | 1n;
    if (fastModPow(base, exponent, N) !== modPow(base, exponent, N)) throw new Error("fastModPow disagrees with modPow");
  }
}

/** The announced `srp` object of a start response → the suite the client computes with. */
export function suiteOf(srp) {
  const N = BigInt(`0x${srp.N}`);
  const g = BigInt(`0x${srp.g}`);
  const hashName = srp.hash;
  const length = bytesOf(N).length;
  const k = toBigInt(hash(hashName, bytesOf(N), padded(g, length)));
  const hN = hash(hashName, bytesOf(N));
  const hg = hash(hashName, padded(g, length));
  const groupHash = Buffer.from(hN.map((byte, i) => byte ^ hg[i]));
  if ((srp.profile ?? "rfc5054") !== "rfc5054") throw new Error(`only the rfc5054 profile is implemented, got ${srp.profile}`);
  return { N, g, hash: hashName, length, k, groupHash };
}

/** x = H(salt | bytes(H(I ":" P) as an integer)). */
export function privateKey(suite, salt, identity, passcode) {
  const inner = hash(suite.hash, Buffer.from(`${identity}:${passcode}`, "utf8"));
  return toBigInt(hash(suite.hash, salt, bytesOf(toBigInt(inner))));
}

/** Registration material: a fresh 16-byte salt and v = g^x. Also returns x and v for reuse. */
export function register(suite, identity, passcode, pow = fastModPow) {
  const salt = randomBytes(16);
  const x = privateKey(suite, salt, identity, passcode);
  const v = pow(suite.g, x, suite.N);
  return { salt, x, v, body: { salt: toHex(salt), verifier: hexOf(v) } };
}

/** A fresh client ephemeral: a (256 random bits) and A = g^a mod N. */
export function ephemeral(suite, pow = fastModPow) {
  const a = toBigInt(randomBytes(32)) | (1n << 255n);
  return { a, A: pow(suite.g, a, suite.N) };
}

/**
 * The client's answer to a start response: one modexp, S = (B − k·v)^(a + u·x). `user` carries
 * the identity, salt (bytes), x and v computed once at registration.
 */
export function proof(suite, user, { a, A }, B, pow = fastModPow) {
  const { N, length } = suite;
  const u = toBigInt(hash(suite.hash, padded(A, length), padded(B, length)));
  if (u === 0n) throw new Error("u = 0");
  const base = (((B - ((suite.k * user.v) % N)) % N) + N) % N;
  const S = pow(base, a + u * user.x, N);
  const K = hash(suite.hash, bytesOf(S));
  const M1 = hash(suite.hash, suite.groupHash, hash(suite.hash, Buffer.from(user.identity, "utf8")), bytesOf(toBigInt(user.salt)), bytesOf(A), bytesOf(B), K);
  const M2 = hash(suite.hash, bytesOf(A), M1, K);
  return { A: hexOf(A), M1: toHex(M1), expectedM2: toHex(M2), S };
}
