import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { ecdsaDerToRaw, ecdsaRawToDer, KeyEncoding, publicKeyToSpki, readSpki, SignAlg, UafFormatError, verifySignature } from "../../../src/appkeys/uaf";

const data = new TextEncoder().encode("the whole SIGNED_DATA element");
const buf = (b: ArrayBuffer | JsonWebKey) => new Uint8Array(b as ArrayBuffer);
const flip = (sig: Uint8Array, at: number) => {
  const c = sig.slice();
  c[at] = c[at]! ^ 0x80;
  return c;
};
/** DER OCTET STRING around an RSA signature (algorithms 0x0004 / 0x0009). */
const octetString = (sig: Uint8Array) => new Uint8Array([0x04, 0x82, sig.length >> 8, sig.length & 0xff, ...sig]);
const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0));

async function rsaKey(name: "RSA-PSS" | "RSASSA-PKCS1-v1_5") {
  const keys = (await crypto.subtle.generateKey({ name, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = buf(await crypto.subtle.exportKey("spki", keys.publicKey));
  const jwk = (await crypto.subtle.exportKey("jwk", keys.publicKey)) as JsonWebKey;
  const n = fromB64url(jwk.n!);
  const e = fromB64url(jwk.e!);
  const sign = async (d: Uint8Array) => buf(await crypto.subtle.sign(name === "RSA-PSS" ? { name, saltLength: 32 } : { name }, keys.privateKey, d));
  return { spki, n, e, sign };
}

/** PKCS#1 RSAPublicKey DER, written here by hand for encoding 0x0103's second form. */
function pkcs1(n: Uint8Array, e: Uint8Array): Uint8Array {
  const int = (m: Uint8Array) => {
    const body = m[0]! & 0x80 ? new Uint8Array([0, ...m]) : m;
    return body.length < 128 ? [0x02, body.length, ...body] : [0x02, 0x82, body.length >> 8, body.length & 0xff, ...body];
  };
  const seq = [...int(n), ...int(e)];
  return new Uint8Array([0x30, 0x82, seq.length >> 8, seq.length & 0xff, ...seq]);
}

describe("signature verification: every algorithm branch accepts a good signature and rejects a flipped byte", () => {
  it("0x0001 / 0x0002 P-256 raw and DER (keys 0x0100 raw and 0x0101 SPKI)", async () => {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const raw = buf(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, data));
    const point = buf(await crypto.subtle.exportKey("raw", keys.publicKey));
    const spki = publicKeyToSpki(point, KeyEncoding.ECC_X962_RAW, "p256");
    expect(spki).toEqual(buf(await crypto.subtle.exportKey("spki", keys.publicKey)));
    expect(publicKeyToSpki(spki, KeyEncoding.ECC_X962_DER, "p256")).toEqual(spki);
    const der = ecdsaRawToDer(raw);
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_RAW, spki, raw, data)).toBe(true);
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_DER, spki, der, data)).toBe(true);
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_RAW, spki, flip(raw, 40), data)).toBe(false);
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_DER, spki, flip(der, der.length - 1), data)).toBe(false);
    // Raw where DER is announced (and the reverse) is not a valid signature.
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_DER, spki, raw, data)).toBe(false);
    expect(await verifySignature(SignAlg.SECP256R1_ECDSA_SHA256_RAW, spki, der, data)).toBe(false);
  });

  it("0x0003 / 0x0004 RSA-PSS SHA-256 salt 32, raw and DER (keys 0x0102 raw n‖e, 0x0103 SPKI and PKCS#1)", async () => {
    const k = await rsaKey("RSA-PSS");
    const sig = await k.sign(data);
    const fromRaw = publicKeyToSpki(new Uint8Array([...k.n, ...k.e]), KeyEncoding.RSA_2048_RAW, "rsa-pss");
    const fromPkcs1 = publicKeyToSpki(pkcs1(k.n, k.e), KeyEncoding.RSA_2048_DER, "rsa-pss");
    const fromSpki = publicKeyToSpki(k.spki, KeyEncoding.RSA_2048_DER, "rsa-pss");
    expect(fromRaw).toEqual(k.spki);
    expect(fromPkcs1).toEqual(k.spki);
    expect(fromSpki).toEqual(k.spki);
    expect(await verifySignature(SignAlg.RSASSA_PSS_SHA256_RAW, k.spki, sig, data)).toBe(true);
    expect(await verifySignature(SignAlg.RSASSA_PSS_SHA256_DER, k.spki, octetString(sig), data)).toBe(true);
    expect(await verifySignature(SignAlg.RSASSA_PSS_SHA256_RAW, k.spki, flip(sig, 100), data)).toBe(false);
    expect(await verifySignature(SignAlg.RSASSA_PSS_SHA256_DER, k.spki, flip(octetString(sig), 200), data)).toBe(false);
    // A PSS signature is not a PKCS#1 v1.5 one.
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_RAW, k.spki, sig, data)).toBe(false);
  });

  it("0x0008 / 0x0009 RSASSA-PKCS1-v1_5 SHA-256 raw and DER", async () => {
    const k = await rsaKey("RSASSA-PKCS1-v1_5");
    const sig = await k.sign(data);
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_RAW, k.spki, sig, data)).toBe(true);
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_DER, k.spki, octetString(sig), data)).toBe(true);
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_RAW, k.spki, flip(sig, 0), data)).toBe(false);
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_DER, k.spki, flip(octetString(sig), 10), data)).toBe(false);
    expect(await verifySignature(SignAlg.RSASSA_PKCSV15_SHA256_DER, k.spki, sig, data)).toBe(false);
  });

  it("0x0005 / 0x0006 secp256k1 raw and DER via @noble/curves (SHA-256 prehash, high-S accepted)", async () => {
    const priv = secp256k1.utils.randomSecretKey();
    const point = secp256k1.getPublicKey(priv, false);
    const spki = publicKeyToSpki(point, KeyEncoding.ECC_X962_RAW, "secp256k1");
    expect(readSpki(spki)).toMatchObject({ kind: "ec", curve: "secp256k1" });
    const raw = secp256k1.sign(data, priv, { prehash: true });
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_RAW, spki, raw, data)).toBe(true);
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_DER, spki, ecdsaRawToDer(raw), data)).toBe(true);
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_RAW, spki, flip(raw, 5), data)).toBe(false);
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_DER, spki, flip(ecdsaRawToDer(raw), 12), data)).toBe(false);
    // The high-S twin of the signature (n − s), as non-normalising authenticators produce.
    const n = secp256k1.Point.CURVE().n;
    const s = BigInt("0x" + [...raw.slice(32)].map((b) => b.toString(16).padStart(2, "0")).join(""));
    const highS = (n - s).toString(16).padStart(64, "0");
    const twin = new Uint8Array([...raw.slice(0, 32), ...highS.match(/../g)!.map((h) => parseInt(h, 16))]);
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_RAW, spki, twin, data)).toBe(true);
  });

  it("a key of another family or curve than the algorithm → false; an unsupported algorithm → false", async () => {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const spki = buf(await crypto.subtle.exportKey("spki", keys.publicKey));
    const raw = buf(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, data));
    expect(await verifySignature(SignAlg.SECP256K1_ECDSA_SHA256_RAW, spki, raw, data)).toBe(false);
    expect(await verifySignature(SignAlg.RSASSA_PSS_SHA256_RAW, spki, raw, data)).toBe(false);
    expect(await verifySignature(0x0007, spki, raw, data)).toBe(false);
    expect(() => publicKeyToSpki(spki, KeyEncoding.ECC_X962_DER, "secp256k1")).toThrow(UafFormatError);
    expect(() => publicKeyToSpki(spki, KeyEncoding.RSA_2048_DER, "rsa-pss")).toThrow(UafFormatError);
    expect(() => publicKeyToSpki(new Uint8Array(65), KeyEncoding.ECC_X962_RAW, "p256")).toThrow(UafFormatError);
    expect(() => publicKeyToSpki(spki, 0x0104, "p256")).toThrow(UafFormatError);
  });
});

describe("ECDSA DER ↔ raw", () => {
  it("round-trips, pads short integers, strips the sign byte", () => {
    for (let i = 0; i < 50; i++) {
      const raw = crypto.getRandomValues(new Uint8Array(64));
      if (i % 5 === 0) raw.fill(0, 0, 3);
      if (i % 7 === 0) raw[32] = 0x80;
      expect(ecdsaDerToRaw(ecdsaRawToDer(raw))).toEqual(raw);
    }
  });

  it.each([
    ["empty", []],
    ["not a SEQUENCE", [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ["one INTEGER", [0x30, 0x03, 0x02, 0x01, 0x01]],
    ["trailing bytes", [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
    ["negative INTEGER", [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]],
    ["non-minimal INTEGER", [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]],
    ["length past the end", [0x30, 0x10, 0x02, 0x01, 0x01]],
    ["INTEGER of 33 magnitude bytes", [0x30, 0x26, 0x02, 0x21, ...new Array(33).fill(0x11), 0x02, 0x01, 0x01]],
  ])("malformed (%s) → UafFormatError signature-malformed", (_why, der) => {
    expect(() => ecdsaDerToRaw(new Uint8Array(der))).toThrow(expect.objectContaining({ name: "UafFormatError", reason: "signature-malformed" }));
  });
});
