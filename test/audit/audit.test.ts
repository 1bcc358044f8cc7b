import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { faceFailure, storeWithUser } from "../support/fixtures";

describe("authentication audit", () => {
  it("a recorded failure writes one audit record with the caller's context, ip and user agent", async () => {
    const { store, userId, extId, userPath } = await storeWithUser();
    const res = await api("POST", `${userPath}/biometrics/authentications/failure`, {
      body: { type: "face", reason: "spoof suspected", context: { channel: "mobile", appVersion: "1.2" } },
      headers: { "user-agent": "audit-test/1.0", "cf-connecting-ip": "203.0.113.9" },
    });
    expect(res.status).toBe(200);
    const page = await api("GET", `${userPath}/authentications`);
    expect(page.status).toBe(200);
    expect(page.body.totalElements).toBe(1);
    const record = page.body.content[0];
    expect(record).toMatchObject({
      type: "Face",
      result: "FAILURE",
      errorCode: null,
      userId,
      policyName: null,
      rpId: null,
      context: { channel: "mobile", appVersion: "1.2", ip: "203.0.113.9", userAgent: "audit-test/1.0" },
      authAuditRecord: { type: "Face", biometricInfo: { type: "face", clientReported: true, reason: "spoof suspected" } },
    });
    const one = await api("GET", `${userPath}/authentications/${record.id}`);
    expect(one.body).toEqual(record);
    const byExt = await api("GET", `/stores/${store}/users/${extId}/authentications/${record.id}/ext`);
    expect(byExt.body).toEqual(record);
    expect((await api("GET", `/stores/${store}/users/${extId}/authentications/ext`)).body.totalElements).toBe(1);
  });

  it("lists newest first with type, result and time filters", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: 50, faceMaxFailedAttempts: 50 } });
    for (let i = 0; i < 3; i++) await faceFailure(userPath, { type: "face", reason: `r${i}` });
    const all = await api("GET", `${userPath}/authentications?size=2`);
    expect(all.body).toMatchObject({ totalElements: 3, totalPages: 2, size: 2 });
    expect(all.body.content[0].authAuditRecord.biometricInfo.reason).toBe("r2");
    expect((await api("GET", `${userPath}/authentications?type=TOTP`)).body.totalElements).toBe(0);
    expect((await api("GET", `${userPath}/authentications?result=FAILURE`)).body.totalElements).toBe(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await api("GET", `${userPath}/authentications?from=${future}`)).body.totalElements).toBe(0);
    expect((await api("GET", `${userPath}/authentications?to=${future}`)).body.totalElements).toBe(3);
    expect((await api("GET", `${userPath}/authentications?type=Fingerprint`)).status).toBe(400);
  });

  it("a refused attempt (locked user) writes no record and a missing record is 404", async () => {
    const { userPath } = await storeWithUser();
    await api("POST", userPath, { body: { status: "DISABLED" } });
    expect((await faceFailure(userPath)).body.code).toBe(2102);
    expect((await api("GET", `${userPath}/authentications`)).body.totalElements).toBe(0);
    const missing = await api("GET", `${userPath}/authentications/01234567-0000-7000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(9002);
  });

  it("context larger than 4 KiB is refused", async () => {
    const { userPath } = await storeWithUser();
    const res = await faceFailure(userPath, { type: "face", context: { blob: "x".repeat(5000) } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
    expect((await api("GET", `${userPath}/authentications`)).body.totalElements).toBe(0);
  });

  it("audit records outlive their user; deleting the store removes them", async () => {
    const { store, userPath } = await storeWithUser();
    await faceFailure(userPath);
    const { env } = await import("cloudflare:workers");
    const userId = userPath.split("/").pop();
    await api("DELETE", userPath);
    const kept = await env.DB.prepare("SELECT count(*) AS n FROM auth_audits WHERE user_id = ?").bind(userId).first<{ n: number }>();
    expect(kept?.n).toBe(1);
    await api("DELETE", `/stores/${store}?force=true`);
    const removed = await env.DB.prepare("SELECT count(*) AS n FROM auth_audits WHERE user_id = ?").bind(userId).first<{ n: number }>();
    expect(removed?.n).toBe(0);
  });
});
