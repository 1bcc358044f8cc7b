import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url, toHex } from "../../src/crypto/encoding";
import { decryptSecret, encryptSecret } from "../../src/crypto/encrypt";
import { hmacKey } from "../../src/crypto/keys";

const ROOT = "unit-test-root-secret-0123456789";
const ascii = (s: string) => new TextEncoder().encode(s);

/**
 * Made with Python's `cryptography` (an independent implementation): HKDF-SHA-256(ROOT, salt
 * "identity-store/v1", info "aes:totp-secret") → AES-256-GCM, IV 00…0b, aad "row-1", plaintext
 * "12345678901234567890", laid out as version 1 ‖ IV ‖ ciphertext+tag. Pins the format of data at rest.
 */
const KNOWN_CIPHERTEXT = "AQABAgMEBQYHCAkKC_tw--33_AEyLb6GhEr2ilHlc-dbVWii_nx9X7tGFe6P8x0uTA";

describe("encryption at rest", () => {
  it("decrypts a ciphertext made by an independent implementation", async () => {
    expect(await decryptSecret(ROOT, "totp-secret", KNOWN_CIPHERTEXT, "row-1")).toEqual(ascii("12345678901234567890"));
  });

  it("round-trips, including empty and large plaintexts, with a fresh IV each time", async () => {
    for (const plaintext of [new Uint8Array(0), crypto.getRandomValues(new Uint8Array(20)), new Uint8Array(100_000).fill(7)]) {
      const a = await encryptSecret(ROOT, "face-template", plaintext, "row-1");
      const b = await encryptSecret(ROOT, "face-template", plaintext, "row-1");
      expect(a).not.toBe(b);
      expect(fromBase64Url(a).subarray(1, 13)).not.toEqual(fromBase64Url(b).subarray(1, 13));
      expect(fromBase64Url(a)).toHaveLength(1 + 12 + plaintext.length + 16);
      expect(await decryptSecret(ROOT, "face-template", a, "row-1")).toEqual(plaintext);
    }
  });

  it("refuses another row id, another purpose or another root secret", async () => {
    await expect(decryptSecret(ROOT, "totp-secret", KNOWN_CIPHERTEXT, "row-2")).rejects.toThrow();
    await expect(decryptSecret(ROOT, "face-template", KNOWN_CIPHERTEXT, "row-1")).rejects.toThrow();
    await expect(decryptSecret(`${ROOT}x`, "totp-secret", KNOWN_CIPHERTEXT, "row-1")).rejects.toThrow();
  });

  it("refuses a ciphertext with any single bit flipped (version, IV, ciphertext or tag)", async () => {
    const raw = fromBase64Url(KNOWN_CIPHERTEXT);
    for (let i = 0; i < raw.length; i++) {
      const tampered = raw.slice();
      tampered[i]! ^= 1 << i % 8;
      await expect(decryptSecret(ROOT, "totp-secret", toBase64Url(tampered), "row-1"), `byte ${i}`).rejects.toThrow();
    }
  });

  it("refuses truncated, extended and malformed input", async () => {
    const raw = fromBase64Url(KNOWN_CIPHERTEXT);
    for (const bad of [raw.subarray(0, raw.length - 1), raw.subarray(0, 28), new Uint8Array([...raw, 0])]) {
      await expect(decryptSecret(ROOT, "totp-secret", toBase64Url(bad), "row-1")).rejects.toThrow();
    }
    for (const bad of ["", "not base64url!", `${KNOWN_CIPHERTEXT}=`]) {
      await expect(decryptSecret(ROOT, "totp-secret", bad, "row-1")).rejects.toThrow();
    }
  });

  it("refuses to work with a missing or short root secret", async () => {
    for (const root of ["", "short", undefined as unknown as string]) {
      await expect(encryptSecret(root, "totp-secret", ascii("x"), "row-1")).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
    }
  });
});

describe("purpose-bound HMAC keys", () => {
  const mac = async (root: string, purpose: string, message: string) =>
    toHex(new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(root, purpose), ascii(message))));

  it("matches an independent derivation (Python: HKDF info \"hmac:audit\", then HMAC-SHA-256 of \"abc\")", async () => {
    expect(await mac(ROOT, "audit", "abc")).toBe("e849c84b2c4d7cf600b7fbca633800b3c75229972cde8ba2d407a8980158f23c");
  });

  it("differs per purpose and per root secret, and is reused from the cache", async () => {
    expect(await mac(ROOT, "other", "abc")).not.toBe(await mac(ROOT, "audit", "abc"));
    expect(await mac(`${ROOT}x`, "audit", "abc")).not.toBe(await mac(ROOT, "audit", "abc"));
    expect(await hmacKey(ROOT, "audit")).toBe(await hmacKey(ROOT, "audit"));
  });
});
