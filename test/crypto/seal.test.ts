import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../../src/crypto/encoding";
import { decryptSecret, encryptSecret } from "../../src/crypto/encrypt";
import { seal, unseal } from "../../src/crypto/seal";

const ROOT = "unit-test-root-secret-0123456789";
const PURPOSE = "passkey-session";
const payload = { challenge: "abc", rpId: "example.com", policyName: "default", userId: "u1" };

/**
 * Made with Python's `cryptography`: key HKDF-SHA-256(ROOT, salt "identity-store/v1", info
 * "aes:sealed:passkey-session"), AES-256-GCM, IV 00…0b, aad "passkey-session", plaintext
 * {"payload":{"challenge":"abc","rpId":"example.com"},"expiresAt":4102444800000} (year 2100).
 */
const KNOWN_TOKEN =
  "AQABAgMEBQYHCAkKC1EZVCkMWU0crVTKJK4MhPOYJ0rUBwWj_uDa2JN3Tl6mI_jpPmUWq3VSq-g5tPFNOiZGrgk-o83bd0V1Ls7Vba0fg4VBXfNJBTNH-EdVqSoQgSwRpu6zceSkAIGC7cc";

describe("sealed tokens (EXTERNAL sessionData)", () => {
  it("opens a token made by an independent implementation", async () => {
    expect(await unseal(ROOT, PURPOSE, KNOWN_TOKEN)).toEqual({ challenge: "abc", rpId: "example.com" });
  });

  it("round-trips before expiry, is base64url and opaque", async () => {
    const token = await seal(ROOT, PURPOSE, payload, Date.now() + 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(token)[0]).toBe(1);
    expect(token).not.toContain("example");
    expect(await unseal(ROOT, PURPOSE, token)).toEqual(payload);
    expect(await seal(ROOT, PURPOSE, payload, Date.now() + 60_000)).not.toBe(token);
  });

  it("refuses (null) from the moment of expiry", async () => {
    const now = 1_800_000_000_000;
    const token = await seal(ROOT, PURPOSE, payload, now + 1000);
    expect(await unseal(ROOT, PURPOSE, token, now + 999)).toEqual(payload);
    expect(await unseal(ROOT, PURPOSE, token, now + 1000)).toBeNull();
    expect(await unseal(ROOT, PURPOSE, KNOWN_TOKEN, 4_102_444_800_000)).toBeNull();
    expect(await unseal(ROOT, PURPOSE, await seal(ROOT, PURPOSE, payload, Number.NaN), now)).toBeNull();
  });

  it("refuses (null) another purpose or another root secret", async () => {
    expect(await unseal(ROOT, "appkey-session", KNOWN_TOKEN)).toBeNull();
    expect(await unseal(`${ROOT}x`, PURPOSE, KNOWN_TOKEN)).toBeNull();
  });

  it("refuses (null) a token with any single bit flipped", async () => {
    const raw = fromBase64Url(KNOWN_TOKEN);
    for (let i = 0; i < raw.length; i++) {
      const tampered = raw.slice();
      tampered[i]! ^= 1 << i % 8;
      expect(await unseal(ROOT, PURPOSE, toBase64Url(tampered)), `byte ${i}`).toBeNull();
    }
  });

  it("refuses (null) garbage and truncations", async () => {
    const raw = fromBase64Url(KNOWN_TOKEN);
    for (const garbage of ["", "!!!", "AAAA", `${KNOWN_TOKEN}A`, toBase64Url(new Uint8Array(64)), toBase64Url(raw.subarray(0, raw.length - 1))]) {
      expect(await unseal(ROOT, PURPOSE, garbage), garbage).toBeNull();
    }
  });

  it("keeps sealed tokens and data at rest apart even under the same purpose name", async () => {
    await expect(decryptSecret(ROOT, PURPOSE, KNOWN_TOKEN, PURPOSE)).rejects.toThrow();
    const atRest = await encryptSecret(ROOT, PURPOSE, new TextEncoder().encode(JSON.stringify({ payload, expiresAt: Date.now() + 60_000 })), PURPOSE);
    expect(await unseal(ROOT, PURPOSE, atRest)).toBeNull();
  });
});
