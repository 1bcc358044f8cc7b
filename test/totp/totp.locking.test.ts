import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { activeTotp, codeAt } from "../support/totp";

const wrongCode = async (secret: string) => ((await codeAt(secret)) === "000000" ? "999999" : "000000");

describe("TOTP and locking", () => {
  it("wrong codes lock the TOTP modality at modalityMaxFailedAttempts (2101), other modalities unaffected", async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 10 } });
    for (let i = 1; i <= 3; i++) {
      const res = await api("POST", `${totpPath}/authentications/default`, { body: { code: await wrongCode(registration.secret) } });
      expect(res.body.code).toBe(2304);
      expect(res.body.user.locks.modalities.totp.failedAttempts).toBe(i);
    }
    const locked = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(locked.status).toBe(400);
    expect(locked.body.code).toBe(2101);
    expect(locked.body.user.locks.failedAttempts).toBe(3);
    const face = await api("POST", `${userPath}/biometrics/authentications/failure`, { body: { type: "face" } });
    expect(face.status).toBe(200);
  });

  it("wrong codes TEMP_LOCK the user (2100), the refusal is audited and not counted", async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { userLockConfig: { maxFailedAttempts: 2, modalityMaxFailedAttempts: 10 } });
    await api("POST", `${totpPath}/authentications/default`, { body: { code: await wrongCode(registration.secret) } });
    const second = await api("POST", `${totpPath}/authentications/default`, { body: { code: "12" } });
    expect(second.body.code).toBe(2306);
    expect(second.body.user.status).toBe("TEMP_LOCKED");
    const refused = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(refused.body.code).toBe(2100);
    expect(refused.body.user.locks.failedAttempts).toBe(2);
    const audits = await api("GET", `${userPath}/authentications?type=TOTP&result=FAILURE`);
    expect(audits.body.content.map((a: { errorCode: number }) => a.errorCode)).toEqual([2100, 2306, 2304]);
  });

  it("a disabled user is refused with 2102", async () => {
    const { totpPath, registration, userPath } = await activeTotp();
    await api("POST", userPath, { body: { status: "DISABLED" } });
    const res = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(res.body.code).toBe(2102);
    expect(res.body.user.status).toBe("DISABLED");
  });

  it("a success resets the user and TOTP counters", async () => {
    const { totpPath, registration } = await activeTotp();
    await api("POST", `${totpPath}/authentications/default`, { body: { code: await wrongCode(registration.secret) } });
    const ok = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.locks).toMatchObject({ failedAttempts: 0, modalities: {} });
  });
});
