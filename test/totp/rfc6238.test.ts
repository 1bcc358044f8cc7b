import { TOTP, Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { hmacKey, hotp, type TotpAlgorithm } from "../../src/totp/hotp";
import { checkCode, timeStep } from "../../src/totp/verify";

const ascii = (s: string) => new TextEncoder().encode(s);
const SECRETS: Record<TotpAlgorithm, Uint8Array> = {
  SHA1: ascii("12345678901234567890"),
  SHA256: ascii("12345678901234567890123456789012"),
  SHA512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
};

/** RFC 6238 Appendix B: time (s) → 8-digit codes for SHA1, SHA256, SHA512. */
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

async function code(algorithm: TotpAlgorithm, step: number, digits = 8) {
  return hotp(await hmacKey(SECRETS[algorithm], algorithm), step, digits);
}

describe("TOTP over WebCrypto HMAC", () => {
  it.each(VECTORS)("RFC 6238 Appendix B at T=%i", async (time, sha1, sha256, sha512) => {
    const step = timeStep(time * 1000, 30);
    expect(await code("SHA1", step)).toBe(sha1);
    expect(await code("SHA256", step)).toBe(sha256);
    expect(await code("SHA512", step)).toBe(sha512);
  });

  it("agrees with the otpauth package on random secrets and times (6 and 8 digits)", async () => {
    for (const algorithm of ["SHA1", "SHA256", "SHA512"] as const) {
      for (let i = 0; i < 20; i++) {
        const secret = crypto.getRandomValues(new Uint8Array(20 + i));
        const timestamp = Math.floor(Math.random() * 4e12);
        const digits = i % 2 ? 6 : 8;
        const expected = TOTP.generate({ secret: new Secret({ buffer: secret.slice().buffer }), algorithm, digits, period: 30, timestamp });
        expect(await hotp(await hmacKey(secret, algorithm), timeStep(timestamp, 30), digits)).toBe(expected);
      }
    }
  });
});

describe("checkCode", () => {
  const secret = SECRETS.SHA1;
  const params = { algorithm: "SHA1" as const, digits: 6, period: 30, window: 1 };
  const now = 1_700_000_015_000;
  const current = timeStep(now, 30);

  it("accepts exactly the steps within the window and reports which", async () => {
    for (const offset of [-1, 0, 1]) {
      const result = await checkCode(secret, await code("SHA1", current + offset, 6), params, now, -1);
      expect(result).toEqual({ outcome: "accepted", step: current + offset });
    }
    for (const offset of [-2, 2]) {
      expect((await checkCode(secret, await code("SHA1", current + offset, 6), params, now, -1)).outcome).toBe("wrong");
    }
  });

  it("window 0 accepts only the current step; window 2 reaches two steps", async () => {
    const strict = { ...params, window: 0 };
    expect((await checkCode(secret, await code("SHA1", current - 1, 6), strict, now, -1)).outcome).toBe("wrong");
    expect((await checkCode(secret, await code("SHA1", current, 6), strict, now, -1)).outcome).toBe("accepted");
    const wide = { ...params, window: 2 };
    expect((await checkCode(secret, await code("SHA1", current - 2, 6), wide, now, -1)).outcome).toBe("accepted");
    expect((await checkCode(secret, await code("SHA1", current + 3, 6), wide, now, -1)).outcome).toBe("wrong");
  });

  it("a step at or before the last accepted one is a replay", async () => {
    const c = await code("SHA1", current, 6);
    expect((await checkCode(secret, c, params, now, current)).outcome).toBe("replayed");
    expect((await checkCode(secret, c, params, now, current + 1)).outcome).toBe("replayed");
    expect((await checkCode(secret, c, params, now, current - 1)).outcome).toBe("accepted");
  });

  it("anything but exactly `digits` digits is malformed", async () => {
    for (const bad of ["", "12345", "1234567", "12345a", " 123456", "１２３４５６", "123 456"]) {
      expect((await checkCode(secret, bad, params, now, -1)).outcome).toBe("malformed");
    }
  });
});
