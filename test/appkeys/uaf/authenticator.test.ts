import { describe, expect, it } from "vitest";
import {
  buildAuthenticationRequest,
  buildRegistrationRequest,
  decodeBase64Any,
  decodeFcParams,
  finalChallengeHash,
  parseAuthAssertion,
  parseRegAssertion,
  parseUafResponse,
  readSingleTlv,
  readTlvs,
  Tag,
  type UafRegAssertion,
  verifyAuthentication,
  verifyRegistration,
} from "../../../src/appkeys/uaf";
import { createTestCa, SoftUafAuthenticator } from "../../support/uaf-authenticator";
import { vectors } from "./vectors";

const appID = "https://bank.example/api/identity-store/facets/store-1/bank.example";
const facetID = "android:apk-key-hash:bE0f1WtRJrZv/C0y9CM73bAUqiI";
const policy = { accepted: [[{ userVerification: 2, assertionSchemes: ["UAFV1TLV"], authenticationAlgorithms: [1, 2] }]] };

async function register(authenticator: SoftUafAuthenticator, options: { trustRoots?: string[]; attestationPolicy?: "ANY" | "VERIFIED"; now?: Date } = {}) {
  const challenge = "Y2hhbGxlbmdlLXJlZw";
  const { response } = await authenticator.registrationResponse({ appID, facetID, challenge });
  const parsed = parseUafResponse(response, "Reg");
  const assertion = parseRegAssertion(parsed.assertion);
  const result = await verifyRegistration({ assertion, expectedFinalChallenge: await finalChallengeHash(parsed.fcParams), now: options.now ?? new Date(), ...options });
  return { parsed, assertion, result };
}

async function authenticate(authenticator: SoftUafAuthenticator, reg: UafRegAssertion & { spki: Uint8Array }, stored: number, transactionText?: string, expected?: { text?: string }) {
  const expectedText = expected ? expected.text : transactionText;
  const { response } = await authenticator.authenticationResponse({ appID, facetID, challenge: "Y2hhbGxlbmdlLWF1dGg" }, transactionText);
  const parsed = parseUafResponse(response, "Auth");
  const assertion = parseAuthAssertion(parsed.assertion);
  const result = await verifyAuthentication({
    assertion,
    expectedFinalChallenge: await finalChallengeHash(parsed.fcParams),
    publicKeySpki: reg.spki,
    algorithm: reg.signatureAlgorithm,
    storedSignCounter: stored,
    expectedKeyId: reg.keyId,
    expectedAaid: reg.aaid,
    ...(expectedText !== undefined ? { transactionText: expectedText } : {}),
  });
  return { assertion, result };
}

async function registered(authenticator: SoftUafAuthenticator) {
  const { assertion, result } = await register(authenticator);
  if (!result.ok) throw new Error(result.reason);
  return { ...assertion, spki: result.publicKeySpki };
}

describe("software UAF authenticator, checked against the real vectors", () => {
  it("its KRD and SIGNED_DATA carry the same elements in the same order as the spec example", async () => {
    const soft = new SoftUafAuthenticator();
    const fc = SoftUafAuthenticator.fcParams({ appID, facetID, challenge: "abc" });
    const tags = (bytes: Uint8Array, outer: number, inner: number) => readTlvs(readTlvs(readSingleTlv(bytes, outer).value).find((e) => e.tag === inner)!.value).map((e) => e.tag);
    const { assertion } = await soft.registerAssertion(fc, appID);
    expect(tags(assertion, Tag.UAFV1_REG_ASSERTION, Tag.UAFV1_KRD)).toEqual(tags(decodeBase64Any(vectors.specExample.registration.assertion), Tag.UAFV1_REG_ASSERTION, Tag.UAFV1_KRD));
    const auth = await soft.authAssertion(fc);
    expect(tags(auth, Tag.UAFV1_AUTH_ASSERTION, Tag.UAFV1_SIGNED_DATA)).toEqual(tags(decodeBase64Any(vectors.specExample.authentication.assertion), Tag.UAFV1_AUTH_ASSERTION, Tag.UAFV1_SIGNED_DATA));
  });

  it("answers a Reg and an Auth request JSON string as a UAF client; fcParams carries appID, facetID, challenge", async () => {
    const soft = new SoftUafAuthenticator({ keyIdLength: 36 });
    const regRequest = buildRegistrationRequest({ appID, serverData: "sd-1", challenge: "cmVnLWNoYWxsZW5nZQ", username: "alice", policy });
    expect(JSON.parse(regRequest)).toEqual([{ header: { upv: { major: 1, minor: 1 }, op: "Reg", appID, serverData: "sd-1" }, challenge: "cmVnLWNoYWxsZW5nZQ", username: "alice", policy }]);
    const regResponse = parseUafResponse(await soft.answer(regRequest, facetID), "Reg");
    expect(regResponse.header).toEqual({ upv: { major: 1, minor: 1 }, op: "Reg", appID, serverData: "sd-1" });
    expect(decodeFcParams(regResponse.fcParams)).toEqual({ appID, facetID, challenge: "cmVnLWNoYWxsZW5nZQ", channelBinding: {} });
    const reg = parseRegAssertion(regResponse.assertion);
    expect(reg.keyId.length).toBe(36);
    const regResult = await verifyRegistration({ assertion: reg, expectedFinalChallenge: await finalChallengeHash(regResponse.fcParams), now: new Date() });
    if (!regResult.ok) throw new Error(regResult.reason);

    const authRequest = buildAuthenticationRequest({ appID, challenge: "YXV0aC1jaGFsbGVuZ2U", policy, transactionText: "Pay 10 € to Bob" });
    expect(JSON.parse(authRequest)[0].transaction).toEqual([{ contentType: "text/plain", content: "UGF5IDEwIOKCrCB0byBCb2I" }]);
    const authResponse = parseUafResponse(await soft.answer(authRequest, facetID), "Auth");
    const result = await verifyAuthentication({
      assertion: parseAuthAssertion(authResponse.assertion),
      expectedFinalChallenge: await finalChallengeHash(authResponse.fcParams),
      publicKeySpki: regResult.publicKeySpki,
      algorithm: regResult.algorithm,
      storedSignCounter: regResult.signCounter,
      transactionText: "Pay 10 € to Bob",
    });
    expect(result).toMatchObject({ ok: true, authenticationMode: 2, signCounter: 0 });
  });

  it("padded standard base64 fcParams (as some clients send) verifies when hashed as received", async () => {
    const soft = new SoftUafAuthenticator();
    const { response, fcParams } = await soft.registrationResponse({ appID, facetID, challenge: "c2FtcGxl", paddedStandardBase64: true });
    const parsed = parseUafResponse(response, "Reg");
    expect(parsed.fcParams).toBe(fcParams);
    expect(decodeFcParams(fcParams).challenge).toBe("c2FtcGxl");
    const r = await verifyRegistration({ assertion: parseRegAssertion(parsed.assertion), expectedFinalChallenge: await finalChallengeHash(parsed.fcParams), now: new Date() });
    expect(r.ok).toBe(true);
  });
});

describe("attestation", () => {
  it("basic surrogate: verified with the new key, recorded as not verified", async () => {
    const { result } = await register(new SoftUafAuthenticator());
    expect(result).toMatchObject({ ok: true, attestation: { type: "BASIC_SURROGATE", signatureValid: true, verified: false } });
  });

  it("basic full: leaf + intermediate chained to the configured root → verified", async () => {
    const ca = await createTestCa();
    const { result } = await register(new SoftUafAuthenticator({ ca }), { trustRoots: [ca.rootPem], attestationPolicy: "VERIFIED" });
    expect(result).toMatchObject({ ok: true, attestation: { type: "BASIC_FULL", signatureValid: true, chainVerified: true, verified: true } });
  });

  it("basic full without configured roots: accepted under ANY, unverified; refused under VERIFIED", async () => {
    const ca = await createTestCa();
    expect((await register(new SoftUafAuthenticator({ ca }))).result).toMatchObject({ ok: true, attestation: { type: "BASIC_FULL", verified: false } });
    expect((await register(new SoftUafAuthenticator({ ca }), { attestationPolicy: "VERIFIED" })).result).toEqual({ ok: false, reason: "attestation-not-verified" });
  });

  it("roots configured: another CA's chain, an expired chain, or a surrogate → attestation-not-verified", async () => {
    const ca = await createTestCa();
    const other = await createTestCa({ name: "Other" });
    expect((await register(new SoftUafAuthenticator({ ca }), { trustRoots: [other.rootPem] })).result).toEqual({ ok: false, reason: "attestation-not-verified" });
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect((await register(new SoftUafAuthenticator({ ca }), { trustRoots: [ca.rootPem], now: later })).result).toEqual({ ok: false, reason: "attestation-not-verified" });
    expect((await register(new SoftUafAuthenticator(), { trustRoots: [ca.rootPem] })).result).toEqual({ ok: false, reason: "attestation-not-verified" });
  });

  it("a garbage root PEM is ignored, not an exception", async () => {
    const ca = await createTestCa();
    expect((await register(new SoftUafAuthenticator({ ca }), { trustRoots: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", ca.rootPem] })).result).toMatchObject({ ok: true, attestation: { verified: true } });
  });
});

describe("authentication", () => {
  it("sign counter 0 forever (vendor behaviour): stored 0 and received 0 accepted, twice", async () => {
    const soft = new SoftUafAuthenticator();
    const reg = await registered(soft);
    expect((await authenticate(soft, reg, 0)).result).toMatchObject({ ok: true, signCounter: 0 });
    expect((await authenticate(soft, reg, 0)).result).toMatchObject({ ok: true, signCounter: 0 });
  });

  it("an incrementing counter must grow: stored 1 → 2 accepted; a stored counter ahead → counter-not-increasing", async () => {
    const soft = new SoftUafAuthenticator({ counter: "increment" });
    const reg = await registered(soft);
    expect(reg.signCounter).toBe(1);
    expect((await authenticate(soft, reg, 1)).result).toMatchObject({ ok: true, signCounter: 2 });
    expect((await authenticate(soft, reg, 7)).result).toEqual({ ok: false, reason: "counter-not-increasing" });
  });

  it("a non-critical extension inside SIGNED_DATA is skipped (and still signed)", async () => {
    const soft = new SoftUafAuthenticator({ nonCriticalExtension: true });
    const reg = await registered(soft);
    const { assertion, result } = await authenticate(soft, reg, 0);
    expect(assertion.extensions).toEqual([expect.objectContaining({ id: "vendor.example.deviceinfo", critical: false })]);
    expect(result.ok).toBe(true);
  });

  it("a critical extension with an unknown id is refused; a known one is accepted", async () => {
    const soft = new SoftUafAuthenticator({ criticalExtension: "example.critical" });
    await registered(soft);
    const fc = SoftUafAuthenticator.fcParams({ appID, facetID, challenge: "x" });
    const bytes = await soft.authAssertion(fc);
    expect(() => parseAuthAssertion(bytes)).toThrow(expect.objectContaining({ reason: "unknown-critical-extension" }));
    expect(parseAuthAssertion(bytes, { knownExtensions: ["example.critical"] }).extensions[0]).toMatchObject({ id: "example.critical", critical: true });
  });

  it("transaction confirmation: the hash of the UTF-8 text, authenticationMode 2", async () => {
    const soft = new SoftUafAuthenticator();
    const reg = await registered(soft);
    expect((await authenticate(soft, reg, 0, "Transfer 100 EUR")).result).toMatchObject({ ok: true, authenticationMode: 2 });
    expect((await authenticate(soft, reg, 0, "Transfer 100 EUR", { text: "Transfer 900 EUR" })).result).toEqual({ ok: false, reason: "transaction-hash-mismatch" });
    expect((await authenticate(soft, reg, 0, undefined, { text: "Transfer 100 EUR" })).result).toEqual({ ok: false, reason: "transaction-missing" });
    expect((await authenticate(soft, reg, 0, "Transfer 100 EUR", {})).result).toEqual({ ok: false, reason: "transaction-unexpected" });
  });

  it("another key's assertion, another KeyID, another AAID, another stored algorithm → refused", async () => {
    const soft = new SoftUafAuthenticator();
    const reg = await registered(soft);
    const other = await registered(new SoftUafAuthenticator());
    expect((await authenticate(soft, { ...reg, spki: other.spki }, 0)).result).toEqual({ ok: false, reason: "signature-invalid" });
    expect((await authenticate(soft, { ...reg, keyId: other.keyId }, 0)).result).toEqual({ ok: false, reason: "key-id-mismatch" });
    expect((await authenticate(soft, { ...reg, aaid: "ABCD#ABCD" }, 0)).result).toEqual({ ok: false, reason: "aaid-mismatch" });
    expect((await authenticate(soft, { ...reg, signatureAlgorithm: 0x0001 }, 0)).result).toEqual({ ok: false, reason: "algorithm-mismatch" });
    expect((await authenticate(soft, { ...reg, signatureAlgorithm: 0x0007 }, 0)).result).toEqual({ ok: false, reason: "unsupported-algorithm" });
  });
});
