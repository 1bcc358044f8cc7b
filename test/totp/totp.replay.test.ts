import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { activeTotp, codeAt, pendingTotp } from "../support/totp";

describe("TOTP replay protection", () => {
  it("the same code twice: the second is 2305 and counts as a failure", async () => {
    const { totpPath, registration } = await activeTotp();
    const code = await codeAt(registration.secret);
    expect((await api("POST", `${totpPath}/authentications/default`, { body: { code } })).status).toBe(200);
    const replay = await api("POST", `${totpPath}/authentications/default`, { body: { code } });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe(2305);
    expect(replay.body.user.locks.modalities.totp.failedAttempts).toBe(1);
  });

  it("a code of an earlier step than the last accepted one is refused", async () => {
    const { totpPath, registration } = await activeTotp();
    expect((await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret, 1) } })).status).toBe(200);
    const older = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret, 0) } });
    expect(older.body.code).toBe(2305);
  });

  it("the code that completed the registration cannot authenticate", async () => {
    const { totpPath, registration } = await pendingTotp();
    const code = await codeAt(registration.secret);
    expect((await api("POST", `${totpPath}/registrations/default/complete`, { body: { code } })).status).toBe(200);
    expect((await api("POST", `${totpPath}/authentications/default`, { body: { code } })).body.code).toBe(2305);
  });

  it("N parallel submissions of one valid code: exactly one succeeds, the rest are 2305", async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { maxFailedAttempts: 50, modalityMaxFailedAttempts: 50 } });
    const successes = async () =>
      (await api("GET", `${userPath}/authentications?type=TOTP&result=SUCCESS`)).body.totalElements as number;
    const before = await successes();
    const code = await codeAt(registration.secret);
    const results = await Promise.all(Array.from({ length: 10 }, () => api("POST", `${totpPath}/authentications/default`, { body: { code } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).map((r) => r.body.code)).toEqual(Array(9).fill(2305));
    expect(await successes()).toBe(before + 1);
    expect((await api("GET", userPath)).body.locks.modalities.totp.failedAttempts).toBe(9);
  });

  it("parallel completions with one code: exactly one activates the TOTP", async () => {
    // Thresholds above the 6 parallel completions, so that the admission (default modality threshold 3) lets every one be verified.
    const { totpPath, registration } = await pendingTotp({}, { userLockConfig: { maxFailedAttempts: 20, modalityMaxFailedAttempts: 20 } });
    const code = await codeAt(registration.secret);
    const results = await Promise.all(Array.from({ length: 6 }, () => api("POST", `${totpPath}/registrations/default/complete`, { body: { code } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => [2305, 2302].includes(r.body.code))).toBe(true);
  });
});
