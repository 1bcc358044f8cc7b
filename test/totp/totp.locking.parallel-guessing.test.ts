import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { activeTotp, codeAt } from "../support/totp";

const N = 20;

/** A code that is none of the window's codes (window 1: the previous, current and next step). */
async function wrongCode(secret: string) {
  const valid = new Set([await codeAt(secret, -1), await codeAt(secret), await codeAt(secret, 1)]);
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

const authenticate = (totpPath: string, code: string) => api("POST", `${totpPath}/authentications/default`, { body: { code } });
const count = (codes: unknown[], code: number) => codes.filter((c) => c === code).length;

async function failureCodes(userPath: string) {
  const records = (await api("GET", `${userPath}/authentications?type=TOTP&result=FAILURE&size=100`)).body.content as { errorCode: number }[];
  return records.map((r) => r.errorCode);
}

describe("TOTP: parallel guessing is bounded by the lock thresholds", () => {
  it(`modality level: ${N} parallel wrong codes → exactly 3 verified (2304), the rest 2101; the right code afterwards is refused`, async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 } });
    const wrong = await wrongCode(registration.secret);
    const codes = (await Promise.all(Array.from({ length: N }, () => authenticate(totpPath, wrong)))).map((r) => r.body.code);
    expect(count(codes, 2304)).toBe(3);
    expect(count(codes, 2101)).toBe(N - 3);
    const audited = await failureCodes(userPath);
    expect(count(audited, 2304)).toBe(3);
    expect(count(audited, 2101)).toBe(N - 3);
    expect((await api("GET", userPath)).body.locks.modalities.totp.failedAttempts).toBe(3);

    const right = await authenticate(totpPath, await codeAt(registration.secret));
    expect(right.body.code).toBe(2101);
    expect((await api("GET", `${userPath}/authentications?type=TOTP&result=SUCCESS`)).body.content.filter((r: { event: string }) => r.event === "AUTHENTICATION")).toHaveLength(0);
  });

  it("after 3 failed guesses the right code, sent inside a further burst, is refused (2101) and not verified", async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 } });
    const wrong = await wrongCode(registration.secret);
    const guesses = Array.from({ length: 3 }, () => authenticate(totpPath, wrong));
    await Promise.all(guesses);
    const burst = await Promise.all([...Array.from({ length: N - 4 }, () => authenticate(totpPath, wrong)), authenticate(totpPath, await codeAt(registration.secret))]);
    expect(burst.every((r) => r.body.code === 2101)).toBe(true);
    expect((await api("GET", userPath)).body.locks.modalities.totp.failedAttempts).toBe(3);
  });

  it(`user level: maxFailedAttempts 4 → ${N} parallel wrong codes, exactly 4 verified (2304), the rest 2100`, async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { modalityMaxFailedAttempts: 100, maxFailedAttempts: 4 } });
    const wrong = await wrongCode(registration.secret);
    const codes = (await Promise.all(Array.from({ length: N }, () => authenticate(totpPath, wrong)))).map((r) => r.body.code);
    expect(count(codes, 2304)).toBe(4);
    expect(count(codes, 2100)).toBe(N - 4);
    expect(count(await failureCodes(userPath), 2304)).toBe(4);
    const user = (await api("GET", userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(4);
  });
});
