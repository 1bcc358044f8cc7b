import { describe, expect, it } from "vitest";
import { parseApnsKey } from "../../src/push/delivery/apns-token";
import { parseFcmKey } from "../../src/push/delivery/fcm-token";
import { InvalidKeyError } from "../../src/push/delivery/pem";
import { pem, pkcs8Pem } from "../support/push-peers";

const ec = (namedCurve: string) => crypto.subtle.generateKey({ name: "ECDSA", namedCurve }, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
const rsa = () =>
  crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
const spkiPem = async (key: CryptoKey) => pem("PUBLIC KEY", (await crypto.subtle.exportKey("spki", key)) as ArrayBuffer);

describe("policy keys, parsed when a policy is written", () => {
  it("APNs takes a P-256 PKCS#8 key, FCM an RSA PKCS#8 key", async () => {
    await expect(parseApnsKey(await pkcs8Pem((await ec("P-256")).privateKey))).resolves.toHaveProperty("type", "private");
    await expect(parseFcmKey(await pkcs8Pem((await rsa()).privateKey))).resolves.toHaveProperty("type", "private");
  });

  it("APNs refuses an RSA key, a P-384 key, a public key, garbage and a SEC1 'EC PRIVATE KEY'", async () => {
    const refused = [
      await pkcs8Pem((await rsa()).privateKey),
      await pkcs8Pem((await ec("P-384")).privateKey),
      await spkiPem((await ec("P-256")).publicKey),
      "garbage",
      "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
      "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----",
    ];
    for (const key of refused) {
      const error = await parseApnsKey(key).catch((e: unknown) => e);
      expect(error, key).toBeInstanceOf(InvalidKeyError);
      expect((error as Error).message, key).toMatch(/^apnsConfig\.privateKeyPem /);
    }
  });

  it("FCM refuses an EC key, a public key and garbage", async () => {
    const refused = [await pkcs8Pem((await ec("P-256")).privateKey), await spkiPem((await rsa()).publicKey), "", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"];
    for (const key of refused) {
      const error = await parseFcmKey(key).catch((e: unknown) => e);
      expect(error, key).toBeInstanceOf(InvalidKeyError);
      expect((error as Error).message, key).toMatch(/^fcmConfig\.privateKeyPem /);
    }
  });

  it("says what is wrong", async () => {
    await expect(parseApnsKey(await spkiPem((await ec("P-256")).publicKey))).rejects.toThrow("must be a PKCS#8 private key (BEGIN PRIVATE KEY), not a PUBLIC KEY");
    await expect(parseApnsKey(await pkcs8Pem((await ec("P-384")).privateKey))).rejects.toThrow("must be an ECDSA P-256 private key");
  });
});
