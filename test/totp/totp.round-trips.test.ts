import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { codeAt, pendingTotp } from "../support/totp";

describe("TOTP: D1 round trips per operation (Server-Timing)", () => {
  it("reads 1; start, completion, authentication, wrong code, replay, updates 2", async () => {
    const { totpPath, registration, userPath } = await pendingTotp();
    const id = registration.totp.id;
    const trips: Record<string, number> = {};
    const measure = async (name: string, method: string, path: string, body?: object) => {
      const res = await api(method, path, body === undefined ? {} : { body });
      trips[name] = d1RoundTrips(res);
      return res;
    };
    expect((await measure("start (again)", "POST", `${totpPath}/registrations/default`, {})).status).toBe(201);
    const secret = (await api("GET", `${totpPath}/registrations/default`)).body.secret as string;
    await measure("get registration", "GET", `${totpPath}/registrations/default`);
    expect((await measure("complete", "POST", `${totpPath}/registrations/default/complete`, { code: await codeAt(secret, -1) })).status).toBe(200);
    expect((await measure("authenticate", "POST", `${totpPath}/authentications/default`, { code: await codeAt(secret) })).status).toBe(200);
    expect((await measure("replay", "POST", `${totpPath}/authentications/default`, { code: await codeAt(secret) })).body.code).toBe(2305);
    expect((await measure("wrong code", "POST", `${totpPath}/authentications/default`, { code: "12" })).body.code).toBe(2306);
    await measure("list", "GET", totpPath);
    const newId = (await api("GET", totpPath)).body[0].id as string;
    await measure("get", "GET", `${totpPath}/${newId}`);
    await measure("update", "POST", `${totpPath}/${newId}`, { status: "DISABLED" });
    await measure("deregister", "POST", `${totpPath}/deregistrations/default`, {});
    expect(id).not.toBe(newId);
    await api("GET", userPath);
    console.log("TOTP D1 round trips:", JSON.stringify(trips));
    expect(trips).toEqual({
      "start (again)": 2,
      "get registration": 1,
      complete: 2,
      authenticate: 2,
      replay: 2,
      "wrong code": 2,
      list: 1,
      get: 1,
      update: 2,
      deregister: 2,
    });
  });

  it("a replay that loses the race at the write (the trigger aborts its batch) costs one more round trip: 3", async () => {
    const { totpPath, registration } = await pendingTotp({}, { userLockConfig: { maxFailedAttempts: 20, modalityMaxFailedAttempts: 20 } });
    const code = await codeAt(registration.secret);
    const results = await Promise.all(Array.from({ length: 6 }, () => api("POST", `${totpPath}/registrations/default/complete`, { body: { code } })));
    for (const res of results) expect(d1RoundTrips(res)).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.status === 200).every((r) => d1RoundTrips(r) === 2)).toBe(true);
  });
});
