/**
 * The FIDO server's processing rules for UAF responses, one test per rule, named after
 * UAF Protocol v1.1 §3.4.6.5 (registration response) and §3.5.7.5 (authentication response) and
 * the TLV rules of UAF Authenticator Commands v1.1 (the conformance tool's server tests check these).
 */
import { describe, expect, it } from "vitest";
import {
  decodeFcParams,
  parseAuthAssertion,
  parseRegAssertion,
  parseUafResponse,
  signCounterAccepted,
  UafFormatError,
  verifyRegistration,
} from "../../../src/appkeys/uaf";
import { b64url, tlv, UAF_TAGS as T } from "../../support/uaf-authenticator";

const enc = new TextEncoder();
const le16 = (n: number) => new Uint8Array([n & 0xff, n >> 8]);
const sha = async (s: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(s)));
const fc = b64url(enc.encode(JSON.stringify({ appID: "https://rp.example/facets", challenge: "Y2g", facetID: "https://rp.example", channelBinding: {} })));

type Elements = Partial<Record<"aaid" | "info" | "fc" | "keyId" | "counters" | "pubKey", Uint8Array | null>>;

/** A surrogate registration assertion built element by element (null omits one), signed correctly. */
async function regAssertion(overrides: Elements = {}, extra: Uint8Array[] = []): Promise<Uint8Array> {
  const key = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const point = new Uint8Array((await crypto.subtle.exportKey("raw", key.publicKey)) as ArrayBuffer);
  const parts: Required<Elements> = {
    aaid: enc.encode("FFFF#FC01"),
    info: new Uint8Array([...le16(1), 1, ...le16(0x0001), ...le16(0x0100)]),
    fc: await sha(fc),
    keyId: crypto.getRandomValues(new Uint8Array(32)),
    counters: new Uint8Array(8),
    pubKey: point,
    ...overrides,
  };
  const tags = { aaid: T.AAID, info: T.ASSERTION_INFO, fc: T.FINAL_CHALLENGE, keyId: T.KEYID, counters: T.COUNTERS, pubKey: T.PUB_KEY };
  const krd = tlv(T.KRD, ...Object.entries(parts).filter(([, v]) => v !== null).map(([k, v]) => tlv(tags[k as keyof typeof tags], v!)), ...extra);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key.privateKey, krd));
  return tlv(T.REG_ASSERTION, krd, tlv(T.BASIC_SURROGATE, tlv(T.SIGNATURE, sig)));
}

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UafFormatError) return error.reason;
    throw error;
  }
  return "no error";
};
const verify = async (bytes: Uint8Array, extra: Partial<Parameters<typeof verifyRegistration>[0]> = {}) =>
  verifyRegistration({ assertion: parseRegAssertion(bytes), expectedFinalChallenge: await sha(fc), now: new Date(), ...extra });

const response = (over: Record<string, unknown> = {}) =>
  JSON.stringify([{ header: { upv: { major: 1, minor: 1 }, op: "Reg", appID: "https://rp.example/facets" }, fcParams: fc, assertions: [{ assertionScheme: "UAFV1TLV", assertion: "AT4AAA" }], ...over }]);

describe("§3.4.6.5 / §3.5.7.5 step: parse the response message", () => {
  it("Resp-1: a message that is not JSON or not an array of exactly one response is refused (message-malformed)", () => {
    for (const m of ["", "{", "{}", "[]", "[1]", "[{},{}]", response().replace("[{", "[{},{")]) expect(reasonOf(() => parseUafResponse(m, "Reg"))).toBe("message-malformed");
  });
  it("Resp-2: upv other than 1.0 / 1.1 is refused (unsupported-version)", () => {
    expect(reasonOf(() => parseUafResponse(response({ header: { upv: { major: 2, minor: 0 }, op: "Reg" } }), "Reg"))).toBe("unsupported-version");
  });
  it("Resp-3: the operation must be the one the server asked for (operation-mismatch)", () => {
    expect(reasonOf(() => parseUafResponse(response(), "Auth"))).toBe("operation-mismatch");
  });
  it("Resp-4: no assertion (missing or empty list) is refused (no-assertion → 1092)", () => {
    expect(reasonOf(() => parseUafResponse(response({ assertions: [] }), "Reg"))).toBe("no-assertion");
    expect(reasonOf(() => parseUafResponse(response({ assertions: undefined }), "Reg"))).toBe("no-assertion");
  });
  it("Resp-5: several assertions are refused (several-assertions → 1093)", () => {
    const a = { assertionScheme: "UAFV1TLV", assertion: "AT4AAA" };
    expect(reasonOf(() => parseUafResponse(response({ assertions: [a, a] }), "Reg"))).toBe("several-assertions");
  });
  it("Resp-6: an assertion scheme other than UAFV1TLV is refused", () => {
    expect(reasonOf(() => parseUafResponse(response({ assertions: [{ assertionScheme: "WAV1CBOR", assertion: "AA" }] }), "Reg"))).toBe("unsupported-assertion-scheme");
  });
  it("Resp-7: fcParams must be present; a non-base64 assertion is a format error", () => {
    expect(reasonOf(() => parseUafResponse(response({ fcParams: undefined }), "Reg"))).toBe("message-malformed");
    expect(reasonOf(() => parseUafResponse(response({ assertions: [{ assertionScheme: "UAFV1TLV", assertion: "@@@" }] }), "Reg"))).toBe("base64-malformed");
  });
});

describe("§3.4.6.5 step: check FinalChallengeParams (appID, facetID, challenge)", () => {
  it("FCP-1: fcParams decodes to appID, facetID, challenge, channelBinding (base64url or padded base64)", () => {
    expect(decodeFcParams(fc)).toEqual({ appID: "https://rp.example/facets", challenge: "Y2g", facetID: "https://rp.example", channelBinding: {} });
  });
  it.each([["not base64", "@@"], ["not JSON", b64url(enc.encode("nope"))], ["an array", b64url(enc.encode("[]"))], ["no challenge", b64url(enc.encode('{"appID":"a","facetID":"f"}'))], ["challenge not a string", b64url(enc.encode('{"appID":"a","facetID":"f","challenge":1}'))], ["bad channelBinding", b64url(enc.encode('{"appID":"a","facetID":"f","challenge":"c","channelBinding":[]}'))], ["not UTF-8", b64url(new Uint8Array([0xff, 0xfe]))]])(
    "FCP-2: malformed fcParams (%s) → fc-params-malformed",
    (_why, value) => expect(reasonOf(() => decodeFcParams(value))).toBe("fc-params-malformed"),
  );
  it("FCP-3: FINAL_CHALLENGE must equal SHA-256(fcParams as received), else final-challenge-mismatch", async () => {
    expect(await verify(await regAssertion())).toMatchObject({ ok: true });
    expect(await verify(await regAssertion({ fc: await sha(fc + "=") }))).toEqual({ ok: false, reason: "final-challenge-mismatch" });
  });
});

describe("§3.4.6.5 step: parse the TLV assertion (Authenticator Commands §6.2.4)", () => {
  it.each(["aaid", "info", "fc", "keyId", "counters", "pubKey"] as const)("TLV-1: every mandatory KRD element is required (without %s → tlv-missing-tag)", async (k) => {
    const bytes = await regAssertion({ [k]: null });
    expect(reasonOf(() => parseRegAssertion(bytes))).toBe("tlv-missing-tag");
  });
  it("TLV-2: a KeyID shorter than 32 or longer than 2048 bytes is refused (keyid-length)", async () => {
    for (const n of [31, 2049]) {
      const bytes = await regAssertion({ keyId: new Uint8Array(n) });
      expect(reasonOf(() => parseRegAssertion(bytes))).toBe("keyid-length");
    }
    expect(await verify(await regAssertion({ keyId: new Uint8Array(2048) }))).toMatchObject({ ok: true });
  });
  it("TLV-3: a known element twice is refused (tlv-duplicate-tag)", async () => {
    const bytes = await regAssertion({}, [tlv(T.AAID, enc.encode("FFFF#FC01"))]);
    expect(reasonOf(() => parseRegAssertion(bytes))).toBe("tlv-duplicate-tag");
  });
  it("TLV-4: wrong element lengths are refused (ASSERTION_INFO, COUNTERS, AAID format)", async () => {
    const shortInfo = await regAssertion({ info: new Uint8Array(5) });
    const shortCounters = await regAssertion({ counters: new Uint8Array(4) });
    const badAaid = await regAssertion({ aaid: enc.encode("FFFF-FC01") });
    expect(reasonOf(() => parseRegAssertion(shortInfo))).toBe("tlv-bad-length");
    expect(reasonOf(() => parseRegAssertion(shortCounters))).toBe("tlv-bad-length");
    expect(reasonOf(() => parseRegAssertion(badAaid))).toBe("aaid-malformed");
  });
  it("TLV-5: a critical extension with an unknown id is refused; an unknown non-critical one is skipped", async () => {
    const ext = (tag: number) => tlv(tag, tlv(T.EXTENSION_ID, enc.encode("x.unknown")), tlv(T.EXTENSION_DATA, new Uint8Array([1])));
    const critical = await regAssertion({}, [ext(T.EXTENSION)]);
    expect(reasonOf(() => parseRegAssertion(critical))).toBe("unknown-critical-extension");
    expect(await verify(await regAssertion({}, [ext(T.EXTENSION_NON_CRITICAL)]))).toMatchObject({ ok: true });
  });
  it("TLV-6: bytes after the assertion element, or another outer tag, are refused", async () => {
    const good = await regAssertion();
    expect(reasonOf(() => parseRegAssertion(new Uint8Array([...good, 0, 0, 0, 0])))).toBe("tlv-trailing-bytes");
    expect(reasonOf(() => parseAuthAssertion(good))).toBe("tlv-unexpected-tag");
  });
});

describe("§3.4.6.5 step: check the authenticator and its attestation", () => {
  it("ATT-1: an AAID outside the policy's accepted list is refused (aaid-not-accepted)", async () => {
    expect(await verify(await regAssertion(), { acceptedAaids: ["ABCD#ABCD"] })).toEqual({ ok: false, reason: "aaid-not-accepted" });
    expect(await verify(await regAssertion(), { acceptedAaids: ["FFFF#FC01"] })).toMatchObject({ ok: true });
  });
  it("ATT-2: an unsupported signature algorithm is refused (unsupported-algorithm)", async () => {
    expect(await verify(await regAssertion({ info: new Uint8Array([...le16(1), 1, ...le16(0x0007), ...le16(0x0100)]) }))).toEqual({ ok: false, reason: "unsupported-algorithm" });
  });
  it("ATT-3: registration requires authenticationMode 1", async () => {
    expect(await verify(await regAssertion({ info: new Uint8Array([...le16(1), 2, ...le16(0x0001), ...le16(0x0100)]) }))).toEqual({ ok: false, reason: "authentication-mode-invalid" });
  });
  it("ATT-4: a public key that is not a point on the curve, or of an unsupported encoding, is refused", async () => {
    const offCurve = new Uint8Array(65).fill(7);
    offCurve[0] = 4;
    expect(await verify(await regAssertion({ pubKey: offCurve }))).toEqual({ ok: false, reason: "public-key-invalid" });
    expect(await verify(await regAssertion({ info: new Uint8Array([...le16(1), 1, ...le16(0x0001), ...le16(0x0104)]) }))).toEqual({ ok: false, reason: "public-key-invalid" });
  });
  it("ATT-5: the basic surrogate signature must verify with the new key over the whole KRD", async () => {
    const good = await regAssertion();
    const bad = good.slice();
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 1;
    expect(await verify(bad)).toEqual({ ok: false, reason: "attestation-signature-invalid" });
  });
});

describe("§3.5.7.5 step: sign counter", () => {
  it.each([
    [0, 0, true],
    [0, 1, true],
    [5, 6, true],
    [5, 5, false],
    [5, 4, false],
    [1, 0, false],
    [0xfffffffe, 0xffffffff, true],
  ])("CNT: stored %i, received %i → %s", (stored, received, ok) => expect(signCounterAccepted(stored, received)).toBe(ok));
});

