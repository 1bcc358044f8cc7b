import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/crypto/constant-time";
import { decryptSecret, encryptSecret } from "../../src/crypto/encrypt";
import { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toHex } from "../../src/crypto/encoding";
import { seal, unseal } from "../../src/crypto/seal";

const ROOT = "unit-test-root-secret-0123456789";
const bytes = (...b: number[]) => new Uint8Array(b);

describe("encodings", () => {
  it("known answers (RFC 4648 test vectors)", () => {
    const f = new TextEncoder().encode("foobar");
    expect(toBase64(f.subarray(0, 4))).toBe("Zm9vYg==");
    expect(toBase64Url(f.subarray(0, 4))).toBe("Zm9vYg");
    expect(toBase64Url(bytes(0xfb, 0xff))).toBe("-_8");
    expect(toHex(bytes(0, 15, 255))).toBe("000fff");
    expect(fromHex("000FFF")).toEqual(bytes(0, 15, 255));
    expect(new TextDecoder().decode(fromBase64("Zm9vYmFy"))).toBe("foobar");
    expect(fromBase64Url("-_8")).toEqual(bytes(0xfb, 0xff));
  });

  it("round-trips random bytes and rejects malformed input", () => {
    for (let n = 0; n < 70; n++) {
      const b = crypto.getRandomValues(new Uint8Array(n));
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      expect(fromBase64(toBase64(b))).toEqual(b);
      expect(fromHex(toHex(b))).toEqual(b);
    }
    expect(() => fromBase64Url("ab+/")).toThrow();
    expect(() => fromBase64Url("abcde")).toThrow();
    expect(() => fromHex("abc")).toThrow();
    expect(() => fromHex("zz")).toThrow();
  });
});

describe("constantTimeEqual", () => {
  it("compares contents and lengths", () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
    expect(constantTimeEqual(bytes(0), bytes())).toBe(false);
  });
});

describe("encryption at rest", () => {
  it("round-trips and uses a fresh IV each time", async () => {
    const secret = crypto.getRandomValues(new Uint8Array(20));
    const a = await encryptSecret(ROOT, "totp-secret", secret, "row-1");
    const b = await encryptSecret(ROOT, "totp-secret", secret, "row-1");
    expect(a).not.toBe(b);
    expect(await decryptSecret(ROOT, "totp-secret", a, "row-1")).toEqual(secret);
  });

  it("refuses another row id, another purpose, another root secret, or a flipped byte", async () => {
    const sealed = await encryptSecret(ROOT, "totp-secret", bytes(1, 2, 3), "row-1");
    await expect(decryptSecret(ROOT, "totp-secret", sealed, "row-2")).rejects.toThrow();
    await expect(decryptSecret(ROOT, "face-template", sealed, "row-1")).rejects.toThrow();
    await expect(decryptSecret(`${ROOT}x`, "totp-secret", sealed, "row-1")).rejects.toThrow();
    const raw = fromBase64Url(sealed);
    raw[raw.length - 5]! ^= 1;
    await expect(decryptSecret(ROOT, "totp-secret", toBase64Url(raw), "row-1")).rejects.toThrow();
  });
});

describe("sealed tokens (EXTERNAL sessionData)", () => {
  const payload = { challenge: "abc", rpId: "example.com", policyName: "default", userId: "u1" };

  it("round-trips before expiry and is opaque", async () => {
    const token = await seal(ROOT, "passkey-session", payload, Date.now() + 60_000);
    expect(token).not.toContain("example.com");
    expect(await unseal(ROOT, "passkey-session", token)).toEqual(payload);
  });

  it("returns null when expired, tampered, for another purpose or for garbage", async () => {
    const now = Date.now();
    const token = await seal(ROOT, "passkey-session", payload, now + 1000);
    expect(await unseal(ROOT, "passkey-session", token, now + 1000)).toBeNull();
    expect(await unseal(ROOT, "appkey-session", token, now)).toBeNull();
    const raw = fromBase64Url(token);
    raw[20]! ^= 0x80;
    expect(await unseal(ROOT, "passkey-session", toBase64Url(raw), now)).toBeNull();
    for (const garbage of ["", "!!!", "AAAA", toBase64Url(new Uint8Array(64))]) {
      expect(await unseal(ROOT, "passkey-session", garbage, now)).toBeNull();
    }
  });
});
