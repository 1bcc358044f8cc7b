import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { fromHex, toHex } from "../../src/crypto/encoding";
import { bytesOf, modPow, toBigInt } from "../../src/passcodes/srp/bigint";
import { hash } from "../../src/passcodes/srp/hash";
import { clientProof, multiplier, scrambler, serverProof, type SrpSuite } from "../../src/passcodes/srp/profile";
import { api } from "./api";
import { storeWithUser } from "./fixtures";

export interface Announced {
  group: number;
  hash: "SHA-256" | "SHA-512";
  profile: "rfc5054" | "nimbus";
  N: string;
  g: string;
}

const suiteOf = (srp: Announced): SrpSuite => ({ group: { N: BigInt(`0x${srp.N}`), g: BigInt(`0x${srp.g}`) }, hash: srp.hash, profile: srp.profile });

/** Debian's python3-srp (RFC 5054 mode), through the SRP_PEER binding. */
export async function peer<T>(request: Record<string, unknown>): Promise<T> {
  const res = await env.SRP_PEER.fetch("http://srp-peer/", { method: "POST", body: JSON.stringify(request) });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

export const randomA = () => toHex(crypto.getRandomValues(new Uint8Array(32)));

/**
 * The client's private key (the server never computes it). rfc5054: x = H(salt | H(I | ":" | P))
 * with the inner hash as an integer's bytes (python3-srp); nimbus: x = H(salt | H(P)).
 */
export async function privateKey(suite: SrpSuite, salt: Uint8Array, identity: string, passcode: string): Promise<bigint> {
  const utf8 = new TextEncoder();
  if (suite.profile === "nimbus") return toBigInt(await hash(suite.hash, salt, await hash(suite.hash, utf8.encode(passcode))));
  const inner = await hash(suite.hash, utf8.encode(`${identity}:${passcode}`));
  return toBigInt(await hash(suite.hash, salt, bytesOf(toBigInt(inner))));
}

/** Our own client side of the profile (fast; for tests that are not about interoperability). */
export const ourClient = {
  async register(identity: string, passcode: string, srp: Announced) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const suite = suiteOf(srp);
    const v = modPow(suite.group.g, await privateKey(suite, salt, identity, passcode), suite.group.N);
    return { salt: toHex(salt), verifier: v.toString(16) };
  },
  async proof(identity: string, passcode: string, srp: Announced, saltHex: string, BHex: string, aHex = randomA()) {
    const suite = suiteOf(srp);
    const { N, g } = suite.group;
    const salt = fromHex(saltHex);
    const a = BigInt(`0x${aHex}`);
    const A = modPow(g, a, N);
    const B = BigInt(`0x${BHex}`);
    const u = await scrambler(suite, A, B);
    const x = await privateKey(suite, salt, identity, passcode);
    const k = await multiplier(suite);
    const S = modPow((B - ((k * modPow(g, x, N)) % N) + N) % N, a + u * x, N);
    const transcript = { identity, salt, A, B, S };
    const M1 = await clientProof(suite, transcript);
    return { A: A.toString(16), M1: toHex(M1), expectedM2: toHex(await serverProof(suite, transcript, M1)), S };
  },
};

/** A store with a passcode policy and a user (no passcode yet). */
export async function passcodeUser(policy: object = {}, configuration: object = {}) {
  const fixture = await storeWithUser(configuration);
  const created = await api("POST", `/stores/${fixture.store}/passcodePolicy`, { body: { name: "default", ...policy } });
  expect(created.status).toBe(201);
  return { ...fixture, passcodePath: `${fixture.userPath}/passcodes`, sessions: `/stores/${fixture.store}/passcodes` };
}

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

export async function register(f: Fixture, passcode: string, client: "ours" | "python" = "ours") {
  const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
  expect(start.status).toBe(201);
  const { identity, srp } = start.body;
  const material =
    client === "ours" ? await ourClient.register(identity, passcode, srp) : await peer<{ salt: string; verifier: string }>({ op: "register", identity, passcode, ...srp });
  return api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: material });
}

/** Starts an authentication (or renewal) and answers it with our client. */
export async function authenticate(f: Fixture, passcode: string, kind: "authentications" | "renewals" = "authentications", extra: object = {}) {
  const start = await api("POST", `${f.passcodePath}/${kind}/default`, { body: {} });
  if (start.status !== 201) return { start, complete: start, proof: undefined };
  const proof = await ourClient.proof(start.body.identity, passcode, start.body.srp, start.body.salt, start.body.B);
  const complete = await api("POST", `${f.sessions}/${kind}/sessions/${start.body.sessionId}`, { body: { A: proof.A, M1: proof.M1, ...extra } });
  return { start, complete, proof };
}

