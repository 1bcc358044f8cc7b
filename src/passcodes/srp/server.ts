import { constantTimeEqual } from "../../crypto/constant-time";
import { modPow, toBigInt } from "./bigint";
import { clientProof, multiplier, scrambler, serverProof, type SrpSuite } from "./profile";

/** 256 random bits, the server's secret ephemeral `b`. */
export function randomExponent(): bigint {
  return toBigInt(crypto.getRandomValues(new Uint8Array(32))) | (1n << 255n);
}

/** B = (k·v + g^b) mod N. */
export async function serverEphemeral(suite: SrpSuite, v: bigint, b: bigint): Promise<bigint> {
  const { N, g } = suite.group;
  return ((await multiplier(suite)) * v + modPow(g, b, N)) % N;
}

export type ProofCheck = { outcome: "invalid"; reason: string } | { outcome: "mismatch" } | { outcome: "verified"; M2: Uint8Array };

/**
 * Checks the client's proof M1 for the session (v, b, B): refuses A ≡ 0 (mod N) and u = 0,
 * computes S = (A·v^u)^b mod N and compares the expected M1 in constant time.
 */
export async function verifyClientProof(
  suite: SrpSuite,
  session: { identity: string; salt: Uint8Array; v: bigint; b: bigint; B: bigint },
  A: bigint,
  M1: Uint8Array,
): Promise<ProofCheck> {
  const { N } = suite.group;
  if (A % N === 0n) return { outcome: "invalid", reason: "A mod N is 0" };
  const u = await scrambler(suite, A, session.B);
  if (u === 0n) return { outcome: "invalid", reason: "u is 0" };
  const S = modPow((A * modPow(session.v, u, N)) % N, session.b, N);
  const transcript = { identity: session.identity, salt: session.salt, A, B: session.B, S };
  const expected = await clientProof(suite, transcript);
  if (!constantTimeEqual(expected, M1)) return { outcome: "mismatch" };
  return { outcome: "verified", M2: await serverProof(suite, transcript, expected) };
}

