import { bytesOf, padded, toBigInt } from "./bigint";
import type { SrpGroup } from "./groups";
import { hash, type SrpHash } from "./hash";

export type SrpProfileName = "rfc5054" | "nimbus";

export interface SrpSuite {
  group: SrpGroup;
  hash: SrpHash;
  profile: SrpProfileName;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const byteLength = (N: bigint) => bytesOf(N).length;

/** k = H(bytes(N) | PAD(g)) — the same in both profiles. */
export async function multiplier({ group, hash: h }: SrpSuite): Promise<bigint> {
  return toBigInt(await hash(h, bytesOf(group.N), padded(group.g, byteLength(group.N))));
}

/** u = H(PAD(A) | PAD(B)) — the same in both profiles. */
export async function scrambler({ group, hash: h }: SrpSuite, A: bigint, B: bigint): Promise<bigint> {
  const length = byteLength(group.N);
  return toBigInt(await hash(h, padded(A, length), padded(B, length)));
}

export interface Transcript {
  identity: string;
  salt: Uint8Array;
  A: bigint;
  B: bigint;
  S: bigint;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((byte, i) => byte ^ b[i]!);
}

/** K = H(bytes(S)) (the session key of the rfc5054 profile). */
export async function sessionKey(suite: SrpSuite, S: bigint): Promise<Uint8Array> {
  return hash(suite.hash, bytesOf(S));
}

/**
 * The client's proof. rfc5054: M1 = H((H(N) xor H(PAD(g))) | H(I) | salt | A | B | K), with the
 * salt as an integer's bytes; nimbus: M1 = H(A | B | S).
 */
export async function clientProof(suite: SrpSuite, t: Transcript): Promise<Uint8Array> {
  const h = suite.hash;
  if (suite.profile === "nimbus") return hash(h, bytesOf(t.A), bytesOf(t.B), bytesOf(t.S));
  const { N, g } = suite.group;
  const groupHash = xor(await hash(h, bytesOf(N)), await hash(h, padded(g, byteLength(N))));
  return hash(h, groupHash, await hash(h, utf8(t.identity)), bytesOf(toBigInt(t.salt)), bytesOf(t.A), bytesOf(t.B), await sessionKey(suite, t.S));
}

/**
 * The server's proof. rfc5054: M2 = H(A | M1 | K); nimbus: M2 = H(A | M1 | S), where Nimbus
 * handles M1 as an integer (so a leading zero byte is dropped).
 */
export async function serverProof(suite: SrpSuite, t: Transcript, M1: Uint8Array): Promise<Uint8Array> {
  if (suite.profile === "nimbus") return hash(suite.hash, bytesOf(t.A), bytesOf(toBigInt(M1)), bytesOf(t.S));
  return hash(suite.hash, bytesOf(t.A), M1, await sessionKey(suite, t.S));
}
