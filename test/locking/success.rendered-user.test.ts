import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { authenticate, passcodeUser, register } from "../support/passcodes";
import { codeAt, pendingTotp } from "../support/totp";

// A success renders the user from the rows its own batch returned (the counters' reset, the
// credential's update), not from a second read: the answer must be what a read sees right after.
describe("the user a success answers with is the user as stored", () => {
  it("TOTP: after two wrong codes, a right one answers the reset user — what GET then returns", async () => {
    const { totpPath, registration, userPath } = await pendingTotp({}, { userLockConfig: { maxFailedAttempts: 5, modalityMaxFailedAttempts: 5 } });
    const activated = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret, -1) } });
    expect(activated.status).toBe(200);
    expect(activated.body.user).toEqual((await api("GET", userPath)).body); // activation resets nothing
    for (let i = 0; i < 2; i++) expect((await api("POST", `${totpPath}/authentications/default`, { body: { code: "12" } })).status).toBe(400);
    const failed = (await api("GET", userPath)).body;
    expect(failed.locks).not.toEqual(activated.body.user.locks); // the failures show

    const ok = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(ok.status).toBe(200);
    expect(d1RoundTrips(ok)).toBe(2);
    const after = (await api("GET", userPath)).body;
    expect(ok.body.user).toEqual(after);
    expect(after.locks).toEqual(activated.body.user.locks);
    expect(after.lastAuthenticatedDtm).not.toBeNull();
    expect(after.summaryInfo.totps).not.toEqual(failed.summaryInfo.totps); // the TOTP's last use moved
  });

  it("passcodes: a right proof after a wrong one answers the reset user — what GET then returns", async () => {
    const f = await passcodeUser({}, { userLockConfig: { maxFailedAttempts: 5, modalityMaxFailedAttempts: 5 } });
    expect((await register(f, "right")).status).toBe(200);
    expect((await authenticate(f, "wrong")).complete.status).toBe(400);
    const failed = (await api("GET", f.userPath)).body;
    const { complete } = await authenticate(f, "right");
    expect(complete.status).toBe(200);
    const after = (await api("GET", f.userPath)).body;
    expect(complete.body.user).toEqual(after);
    expect(after.locks).not.toEqual(failed.locks);
    expect(after.summaryInfo.passcodes).toHaveLength(1);
  });
});
