import { describe, expect, it } from "vitest";
import {
  decodeBase64Any,
  decodeFcParams,
  finalChallengeHash,
  parseAuthAssertion,
  parseRegAssertion,
  publicKeyToSpki,
  signAlgInfo,
  UafFormatError,
  type UafRegAssertion,
  verifyAuthentication,
  verifyCertificateChain,
  verifyRegistration,
} from "../../../src/appkeys/uaf";
import { vectors } from "./vectors";

const now = new Date("2016-01-01T00:00:00Z");
const bytes = (b64: string) => decodeBase64Any(b64);
const keyOf = (a: UafRegAssertion) => publicKeyToSpki(a.publicKey, a.publicKeyEncoding, signAlgInfo(a.signatureAlgorithm)!.family);
const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Re-encodes fcParams with one field changed (as a correctly signing client over another value would). */
function fcParamsWith(fcParams: string, field: "challenge" | "appID" | "facetID", value: string): string {
  const decoded = { ...decodeFcParams(fcParams), [field]: value };
  return b64(new TextEncoder().encode(JSON.stringify(decoded)));
}

const registrations: [string, string, string | undefined][] = [
  ["specExample", vectors.specExample.registration.assertion, vectors.specExample.registration.fcParams],
  ["dds", vectors.dds.registration.assertion, undefined],
  ["synaptics", vectors.synaptics.registration.assertion, undefined],
  ["ebayClient", vectors.ebayClient.registration.assertion, undefined],
  ["raon", vectors.raon.registration.assertion, undefined],
  ...vectors.samsung.registrations.map((a, i): [string, string, undefined] => [`samsung[${i}]`, a, undefined]),
];
const authentications: [string, string][] = [
  ["specExample", vectors.specExample.authentication.assertion],
  ["dds", vectors.dds.authentication.assertion],
  ["synaptics", vectors.synaptics.authentication.assertion],
  ["ebayClient", vectors.ebayClient.authentication.assertion],
  ["raon", vectors.raon.authentication.assertion],
];
// eBay's reference client predates the 32-byte KeyID minimum (its KeyID is 15 ASCII bytes).
const optionsFor = (name: string) => (name === "ebayClient" ? { minKeyIdLength: 1 } : {});

describe("UAF vectors: registrations", () => {
  it("spec example: FINAL_CHALLENGE = SHA-256(fcParams), basic full attestation signature verifies (P-256 raw, X9.62 raw key)", async () => {
    const { assertion, fcParams } = vectors.specExample.registration;
    const a = parseRegAssertion(bytes(assertion));
    expect(a).toMatchObject({ aaid: "ABCD#ABCD", signatureAlgorithm: 0x0001, publicKeyEncoding: 0x0100, signCounter: 1, regCounter: 1, authenticationMode: 1 });
    expect(a.keyId.length).toBe(32);
    const r = await verifyRegistration({ assertion: a, expectedFinalChallenge: await finalChallengeHash(fcParams!), now });
    expect(r).toMatchObject({ ok: true, aaid: "ABCD#ABCD", attestation: { type: "BASIC_FULL", signatureValid: true, verified: false } });
  });

  it.each(registrations)("%s: parses and its attestation signature verifies over the whole KRD", async (name, assertion) => {
    const a = parseRegAssertion(bytes(assertion), optionsFor(name));
    expect(a.attestation.type).toBe("BASIC_FULL");
    expect(a.krd[0]).toBe(0x03);
    expect(a.krd[1]).toBe(0x3e);
    const r = await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, now });
    expect(r).toMatchObject({ ok: true, attestation: { signatureValid: true } });
  });

  it("algorithms of the vectors: P-256 raw & DER, RSA-PSS DER with an SPKI key (0x0103), secp256k1 DER via noble", () => {
    const algs = registrations.map(([name, a]) => {
      const p = parseRegAssertion(bytes(a), optionsFor(name));
      return `${p.signatureAlgorithm}/${p.publicKeyEncoding.toString(16)}`;
    });
    expect(new Set(algs)).toEqual(new Set(["1/100", "2/101", "4/103", "6/100"]));
  });

  it("samsung secp256k1: verified by @noble/curves (WebCrypto has no secp256k1), counters read", async () => {
    const [first, second] = vectors.samsung.registrations.map((a) => parseRegAssertion(bytes(a)));
    expect(first).toMatchObject({ aaid: "53EC#3801", signatureAlgorithm: 0x0006, signCounter: 11, regCounter: 9 });
    expect(second).toMatchObject({ signCounter: 4, regCounter: 3 });
    for (const a of [first!, second!]) expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, now })).toMatchObject({ ok: true });
  });

  it("eBay's 15-byte KeyID is refused under the spec's 32–2048 rule (keyid-length)", () => {
    expect(() => parseRegAssertion(bytes(vectors.ebayClient.registration.assertion))).toThrow(expect.objectContaining({ reason: "keyid-length" }));
  });

  it("synaptics: its self-signed attestation certificate as the configured root → verified within its validity only", async () => {
    const a = parseRegAssertion(bytes(vectors.synaptics.registration.assertion));
    if (a.attestation.type !== "BASIC_FULL") throw new Error("expected basic full");
    const pem = `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...a.attestation.certificates[0]!))}\n-----END CERTIFICATE-----`;
    expect(await verifyCertificateChain(a.attestation.certificates, [pem], now)).toBe(true);
    expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, trustRoots: [pem], attestationPolicy: "VERIFIED", now })).toMatchObject({ ok: true, attestation: { verified: true } });
    expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, trustRoots: [pem], now: new Date("2020-01-01T00:00:00Z") })).toEqual({ ok: false, reason: "attestation-not-verified" });
  });

  it("dds: the leaf is issued by a CA not configured → the synaptics root does not verify it", async () => {
    const dds = parseRegAssertion(bytes(vectors.dds.registration.assertion));
    const syn = parseRegAssertion(bytes(vectors.synaptics.registration.assertion));
    if (dds.attestation.type !== "BASIC_FULL" || syn.attestation.type !== "BASIC_FULL") throw new Error("expected basic full");
    const pem = `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...syn.attestation.certificates[0]!))}\n-----END CERTIFICATE-----`;
    expect(await verifyRegistration({ assertion: dds, expectedFinalChallenge: dds.finalChallenge, trustRoots: [pem], now })).toEqual({ ok: false, reason: "attestation-not-verified" });
  });

  it("raon: the RSA key (SPKI in encoding 0x0103) is stored as SPKI", () => {
    const a = parseRegAssertion(bytes(vectors.raon.registration.assertion));
    expect(keyOf(a)).toEqual(a.publicKey);
  });
});

describe("UAF vectors: authentications", () => {
  it("spec example: verifies with the registered key, counter 1 → 2, FINAL_CHALLENGE of its fcParams", async () => {
    const reg = parseRegAssertion(bytes(vectors.specExample.registration.assertion));
    const { assertion, fcParams } = vectors.specExample.authentication;
    const a = parseAuthAssertion(bytes(assertion));
    expect(a).toMatchObject({ aaid: "ABCD#ABCD", signCounter: 2, authenticationMode: 1 });
    expect(a.keyId).toEqual(reg.keyId);
    const r = await verifyAuthentication({ assertion: a, expectedFinalChallenge: await finalChallengeHash(fcParams!), publicKeySpki: keyOf(reg), algorithm: reg.signatureAlgorithm, storedSignCounter: reg.signCounter, expectedKeyId: reg.keyId, expectedAaid: reg.aaid });
    expect(r).toEqual({ ok: true, aaid: "ABCD#ABCD", keyId: reg.keyId, signCounter: 2, authenticationMode: 1 });
  });

  it("dds: padded standard base64 fcParams hashed as received; verifies with the given SPKI key; counters 0 and 0 accepted", async () => {
    const { assertion, fcParams, publicKeySpki } = vectors.dds.authentication;
    expect(fcParams).toMatch(/=$/);
    expect(decodeFcParams(fcParams!).facetID).toBe("android:apk-key-hash:bE0f1WtRJrZv/C0y9CM73bAUqiI");
    const a = parseAuthAssertion(bytes(assertion));
    const r = await verifyAuthentication({ assertion: a, expectedFinalChallenge: await finalChallengeHash(fcParams!), publicKeySpki: bytes(publicKeySpki!), algorithm: 0x0002, storedSignCounter: 0 });
    expect(r).toMatchObject({ ok: true, signCounter: 0 });
    // Re-encoding (dropping the padding) changes the hash: never re-encode.
    const reencoded = fcParams!.replace(/=+$/, "");
    expect(await verifyAuthentication({ assertion: a, expectedFinalChallenge: await finalChallengeHash(reencoded), publicKeySpki: bytes(publicKeySpki!), algorithm: 0x0002, storedSignCounter: 0 })).toEqual({ ok: false, reason: "final-challenge-mismatch" });
  });

  it("synaptics: verifies with the key of its registration", async () => {
    const reg = parseRegAssertion(bytes(vectors.synaptics.registration.assertion));
    const a = parseAuthAssertion(bytes(vectors.synaptics.authentication.assertion));
    const r = await verifyAuthentication({ assertion: a, expectedFinalChallenge: a.finalChallenge, publicKeySpki: keyOf(reg), algorithm: reg.signatureAlgorithm, storedSignCounter: 0, expectedKeyId: reg.keyId });
    expect(r).toMatchObject({ ok: true });
  });

  it("eBay: its authentication does NOT verify with the registered key (negative vector)", async () => {
    const reg = parseRegAssertion(bytes(vectors.ebayClient.registration.assertion), { minKeyIdLength: 1 });
    const a = parseAuthAssertion(bytes(vectors.ebayClient.authentication.assertion), { minKeyIdLength: 1 });
    const r = await verifyAuthentication({ assertion: a, expectedFinalChallenge: a.finalChallenge, publicKeySpki: keyOf(reg), algorithm: reg.signatureAlgorithm, storedSignCounter: 0 });
    expect(r).toEqual({ ok: false, reason: "signature-invalid" });
  });

  it("raon: its authentication is by another key (other KeyID) and does not verify with the registered one", async () => {
    const reg = parseRegAssertion(bytes(vectors.raon.registration.assertion));
    const a = parseAuthAssertion(bytes(vectors.raon.authentication.assertion));
    expect(a.keyId).not.toEqual(reg.keyId);
    expect(a.signatureAlgorithm).toBe(0x0004);
    expect(await verifyAuthentication({ assertion: a, expectedFinalChallenge: a.finalChallenge, publicKeySpki: keyOf(reg), algorithm: 0x0004, storedSignCounter: 0 })).toEqual({ ok: false, reason: "signature-invalid" });
  });
});

describe("UAF vectors: negative mutations", () => {
  /** Flips one byte inside the SIGNATURE value (found by its position in the parsed assertion). */
  const flipped = (raw: Uint8Array, signature: Uint8Array, at: number) => {
    const copy = raw.slice();
    const offset = signature.byteOffset - raw.byteOffset + at;
    copy[offset] = copy[offset]! ^ 0x01;
    return copy;
  };

  it.each(registrations)("%s: a flipped attestation signature byte (first, middle, last) → attestation-signature-invalid", async (name, assertion) => {
    const raw = bytes(assertion);
    const sig = parseRegAssertion(raw, optionsFor(name)).attestation.signature;
    for (const at of [sig.length - 1, sig.length >> 1, 8]) {
      const a = parseRegAssertion(flipped(raw, sig, at), optionsFor(name));
      expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, now })).toEqual({ ok: false, reason: "attestation-signature-invalid" });
    }
  });

  it.each([
    ["specExample (0x0001)", vectors.specExample],
    ["dds (0x0002)", vectors.dds],
    ["synaptics (0x0002)", vectors.synaptics],
  ] as const)("%s: a flipped authentication signature byte → signature-invalid", async (_name, v) => {
    const raw = bytes(v.authentication.assertion);
    const good = parseAuthAssertion(raw);
    const spki = "publicKeySpki" in v.authentication && v.authentication.publicKeySpki ? bytes(v.authentication.publicKeySpki) : keyOf(parseRegAssertion(bytes(v.registration.assertion)));
    for (const at of [good.signature.length - 1, good.signature.length >> 1, 10]) {
      const a = parseAuthAssertion(flipped(raw, good.signature, at));
      expect(await verifyAuthentication({ assertion: a, expectedFinalChallenge: a.finalChallenge, publicKeySpki: spki, algorithm: a.signatureAlgorithm, storedSignCounter: 0 })).toEqual({ ok: false, reason: "signature-invalid" });
    }
  });

  it("an attestation certificate whose key parameters do not parse (0x80 at 413989568 mod length, found by fast-check) → attestation-signature-invalid, not a throw", async () => {
    const raw = bytes(vectors.specExample.registration.assertion);
    raw[413989568 % raw.length] = 0x80;
    const a = parseRegAssertion(raw);
    expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, now })).toEqual({ ok: false, reason: "attestation-signature-invalid" });
  });

  it("a flipped byte inside the signed KRD (the KeyID) → attestation-signature-invalid", async () => {
    const raw = bytes(vectors.specExample.registration.assertion);
    const a = parseRegAssertion(flipped(raw, parseRegAssertion(raw).keyId, 0));
    expect(await verifyRegistration({ assertion: a, expectedFinalChallenge: a.finalChallenge, now })).toEqual({ ok: false, reason: "attestation-signature-invalid" });
  });

  it.each(["challenge", "appID", "facetID"] as const)("spec example: fcParams with another %s → final-challenge-mismatch (reg and auth)", async (field) => {
    const { registration, authentication } = vectors.specExample;
    const reg = parseRegAssertion(bytes(registration.assertion));
    const other = fcParamsWith(registration.fcParams!, field, "https://evil.example/other");
    expect(await verifyRegistration({ assertion: reg, expectedFinalChallenge: await finalChallengeHash(other), now })).toEqual({ ok: false, reason: "final-challenge-mismatch" });
    const auth = parseAuthAssertion(bytes(authentication.assertion));
    const otherAuth = fcParamsWith(authentication.fcParams!, field, "x");
    expect(await verifyAuthentication({ assertion: auth, expectedFinalChallenge: await finalChallengeHash(otherAuth), publicKeySpki: keyOf(reg), algorithm: 1, storedSignCounter: 1 })).toEqual({ ok: false, reason: "final-challenge-mismatch" });
  });

  it("spec example: the registration's fcParams does not cover the authentication (another challenge)", async () => {
    const reg = parseRegAssertion(bytes(vectors.specExample.registration.assertion));
    const auth = parseAuthAssertion(bytes(vectors.specExample.authentication.assertion));
    expect(await verifyAuthentication({ assertion: auth, expectedFinalChallenge: reg.finalChallenge, publicKeySpki: keyOf(reg), algorithm: 1, storedSignCounter: 1 })).toEqual({ ok: false, reason: "final-challenge-mismatch" });
  });

  it("spec example: replaying counter 2 against stored 2 → counter-not-increasing", async () => {
    const reg = parseRegAssertion(bytes(vectors.specExample.registration.assertion));
    const auth = parseAuthAssertion(bytes(vectors.specExample.authentication.assertion));
    for (const stored of [2, 3]) {
      expect(await verifyAuthentication({ assertion: auth, expectedFinalChallenge: auth.finalChallenge, publicKeySpki: keyOf(reg), algorithm: 1, storedSignCounter: stored })).toEqual({ ok: false, reason: "counter-not-increasing" });
    }
  });

  const all: [string, string, "reg" | "auth"][] = [...registrations.map(([n, a]): [string, string, "reg"] => [n, a, "reg"]), ...authentications.map(([n, a]): [string, string, "auth"] => [n, a, "auth"])];
  it.each(all)("%s (%s): truncation at every offset → UafFormatError, never another exception", (name, assertion, kind) => {
    const raw = bytes(assertion);
    const parse = kind === "reg" ? parseRegAssertion : parseAuthAssertion;
    for (let i = 0; i < raw.length; i++) {
      let thrown: unknown;
      try {
        parse(raw.subarray(0, i), optionsFor(name));
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `offset ${i}`).toBeInstanceOf(UafFormatError);
    }
    // And the base64 text cut anywhere: UafFormatError too.
    for (let i = 0; i < assertion.length; i += 7) expect(() => parse(bytes(assertion.slice(0, i)), optionsFor(name))).toThrow(UafFormatError);
  });
});
