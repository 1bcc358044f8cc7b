import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";
import { activeTotp, base32Decode, codeAt, pendingTotp } from "../support/totp";

const SUMMARY_FIELDS = ["activatedDtm", "algorithm", "createdDtm", "expirationDtm", "id", "issuer", "lastUpdatedDtm", "policyName", "status", "username"];

describe("TOTP registration", () => {
  it("starts a PENDING registration with a base32 secret, an otpauth URI and an SVG QR code", async () => {
    const { registration, store } = await pendingTotp({}, {}, { email: "ada@example.com" });
    expect(registration.totp).toMatchObject({ status: "PENDING", issuer: store, username: "ada@example.com", policyName: "default", algorithm: "SHA1", digits: 6, period: 30, activatedDtm: null });
    expect(registration.secret).toMatch(/^[A-Z2-7]+$/);
    expect(base32Decode(registration.secret)).toHaveLength(20);
    const uri = new URL(registration.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe(`/${store}:ada@example.com`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: store, secret: registration.secret, algorithm: "SHA1", digits: "6", period: "30" });
    expect(registration.qrCodeSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(Date.parse(registration.totp.expirationDtm) - Date.parse(registration.totp.createdDtm)).toBe(600_000);
    expect(registration.user.summaryInfo.totps).toHaveLength(1);
  });

  it("uses the policy's issuer, algorithm, digits, period and secret size; username defaults to extId", async () => {
    const { registration, extId } = await pendingTotp({ issuer: "Acme Bank", algorithm: "SHA256", digits: 8, period: 60, secretSize: 32 });
    expect(registration.totp).toMatchObject({ issuer: "Acme Bank", username: extId, algorithm: "SHA256", digits: 8, period: 60 });
    expect(base32Decode(registration.secret)).toHaveLength(32);
    expect(new URL(registration.uri).searchParams.get("algorithm")).toBe("SHA256");
  });

  it("an unknown policy is 400/2201; an unknown user 404", async () => {
    const { userPath, store } = await storeWithUser();
    const res = await api("POST", `${userPath}/totps/registrations/nope`, { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2201);
    expect((await api("POST", `/stores/${store}/users/nobody/totps/registrations/nope`, { body: {} })).status).toBe(404);
  });

  it("a new start replaces a PENDING registration; an ACTIVE one is 409/9003", async () => {
    const { totpPath, registration } = await pendingTotp();
    const again = await api("POST", `${totpPath}/registrations/default`, { body: {} });
    expect(again.status).toBe(201);
    expect(again.body.secret).not.toBe(registration.secret);
    expect((await api("GET", totpPath)).body).toHaveLength(1);
    const done = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(again.body.secret) } });
    expect(done.status).toBe(200);
    const refused = await api("POST", `${totpPath}/registrations/default`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(9003);
  });

  it("GET registration returns the same secret for a PENDING or ACTIVE TOTP (second device)", async () => {
    const { totpPath, registration, store, extId } = await pendingTotp();
    const got = await api("GET", `${totpPath}/registrations/default`);
    expect(got.status).toBe(200);
    expect(got.body.secret).toBe(registration.secret);
    expect(got.body.uri).toBe(registration.uri);
    await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret) } });
    const byExt = await api("GET", `/stores/${store}/users/${extId}/totps/registrations/default/ext`);
    expect(byExt.body.secret).toBe(registration.secret);
    expect(byExt.body.totp.status).toBe("ACTIVE");
    expect((await api("GET", `${totpPath}/registrations/other`)).status).toBe(404);
  });

  it("complete activates with activatedDtm; a wrong code is 2304 with the user and counted", async () => {
    const { totpPath, registration, userPath } = await pendingTotp();
    const wrong = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: "000000" === (await codeAt(registration.secret)) ? "111111" : "000000" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(2304);
    expect(wrong.body.user.locks.modalities.totp.failedAttempts).toBe(1);
    const ok = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret) } });
    expect(ok.status).toBe(200);
    expect(ok.body.totp.status).toBe("ACTIVE");
    expect(ok.body.totp.activatedDtm).not.toBeNull();
    expect(ok.body.totp.expirationDtm).toBeNull();
    expect(ok.body.user.summaryInfo.totps[0].status).toBe("ACTIVE");
    const again = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret, 1) } });
    expect(again.body.code).toBe(2302);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(1);
  });

  it("a PENDING registration expires at expirationDtm (2303)", async () => {
    const { totpPath, registration } = await pendingTotp({ registrationTimeoutSec: 60 });
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare("UPDATE totps SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, registration.totp.id).run();
    const res = await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret) } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2303);
    expect(res.body.user.locks.failedAttempts).toBe(0);
  });
});

describe("TOTP authentication", () => {
  it("accepts a fresh code, returns user, totp and authenticationId, and stamps the times", async () => {
    const { totpPath, registration, userPath } = await activeTotp();
    const res = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret), context: { channel: "web" } } });
    expect(res.status).toBe(200);
    expect(res.body.totp.lastAuthenticatedWithDtm).toBeDefined();
    expect(res.body.user.lastAuthenticatedDtm).not.toBeNull();
    const audit = await api("GET", `${userPath}/authentications/${res.body.authenticationId}`);
    expect(audit.body).toMatchObject({
      type: "TOTP",
      result: "SUCCESS",
      policyName: "default",
      context: { channel: "web" },
      authAuditRecord: { type: "TOTP", totpInfo: { id: registration.totp.id, policyName: "default", algorithm: "SHA1" } },
      authAuditDisplayInfo: { totpAuditInfo: { policyName: "default", algorithm: "SHA1" } },
    });
    expect(audit.body.authAuditRecord.totpInfo.registrationActivatedDtm).not.toBeNull();
    expect(audit.body.authAuditDisplayInfo.totpAuditInfo.authenticationDtm).toBe(audit.body.createdDtm);
  });

  it("summaryInfo.totps carries exactly the seed's fields", async () => {
    const { totpPath, registration, userPath } = await activeTotp();
    const before = (await api("GET", userPath)).body.summaryInfo.totps[0];
    expect(Object.keys(before).sort()).toEqual(SUMMARY_FIELDS);
    await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    const after = (await api("GET", userPath)).body.summaryInfo.totps[0];
    expect(Object.keys(after).sort()).toEqual([...SUMMARY_FIELDS, "lastAuthenticatedWithDtm"].sort());
  });

  it("a PENDING_ACTIVE user becomes ACTIVE on the first successful authentication", async () => {
    const { totpPath, registration, userPath } = await activeTotp({}, { defaultUserStatus: "PENDING_ACTIVE" });
    expect((await api("GET", userPath)).body.status).toBe("PENDING_ACTIVE");
    await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect((await api("GET", userPath)).body.status).toBe("ACTIVE");
  });

  it("refuses a PENDING (2302), DISABLED (2302) or missing (2301) TOTP without counting", async () => {
    const { totpPath, registration, userPath } = await pendingTotp();
    const pending = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(pending.body.code).toBe(2302);
    await api("POST", `${totpPath}/registrations/default/complete`, { body: { code: await codeAt(registration.secret, -1) } });
    await api("POST", `${totpPath}/${registration.totp.id}`, { body: { status: "DISABLED" } });
    const disabled = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(disabled.status).toBe(400);
    expect(disabled.body.code).toBe(2302);
    await api("POST", `${totpPath}/${registration.totp.id}`, { body: { status: "ACTIVE" } });
    expect((await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } })).status).toBe(200);
    await api("POST", `${totpPath}/deregistrations/default`, { body: {} });
    const missing = await api("POST", `${totpPath}/authentications/default`, { body: { code: "123456" } });
    expect(missing.body.code).toBe(2301);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(0);
    const audits = await api("GET", `${userPath}/authentications?type=TOTP&result=FAILURE`);
    expect(audits.body.content.map((a: { errorCode: number }) => a.errorCode)).toEqual([2301, 2302, 2302]);
  });

  it("malformed codes are 2306 and counted; non-string codes are 400/9001", async () => {
    const { totpPath, userPath } = await activeTotp();
    const res = await api("POST", `${totpPath}/authentications/default`, { body: { code: "12ab56" } });
    expect(res.body.code).toBe(2306);
    expect(res.body.user.locks.failedAttempts).toBe(1);
    expect((await api("POST", `${totpPath}/authentications/default`, { body: { code: 123456 } })).body.code).toBe(9001);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(1);
  });

  it("an unknown or deleted policy is 400/2201", async () => {
    const { totpPath, registration, store } = await activeTotp();
    await api("DELETE", `/stores/${store}/totpPolicy/default`);
    const res = await api("POST", `${totpPath}/authentications/default`, { body: { code: await codeAt(registration.secret) } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2201);
  });
});

describe("TOTP management", () => {
  it("lists, gets, disables, deletes; secrets never appear", async () => {
    const { totpPath, registration, store, extId } = await activeTotp();
    const list = await api("GET", totpPath);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(registration.secret);
    const one = await api("GET", `${totpPath}/${registration.totp.id}`);
    expect(one.body).toEqual(list.body[0]);
    expect(JSON.stringify(one.body)).not.toContain(registration.secret);
    const byExt = await api("GET", `/stores/${store}/users/${extId}/totps/${registration.totp.id}/ext`);
    expect(byExt.body).toEqual(one.body);
    expect((await api("POST", `${totpPath}/${registration.totp.id}`, { body: { status: "DISABLED" } })).body.status).toBe("DISABLED");
    expect((await api("DELETE", `/stores/${store}/users/${extId}/totps/${registration.totp.id}/ext`)).status).toBe(204);
    expect((await api("GET", `${totpPath}/${registration.totp.id}`)).status).toBe(404);
    expect((await api("GET", totpPath)).body).toEqual([]);
  });

  it("a PENDING TOTP cannot be switched to ACTIVE by update (2302)", async () => {
    const { totpPath, registration } = await pendingTotp();
    const res = await api("POST", `${totpPath}/${registration.totp.id}`, { body: { status: "ACTIVE" } });
    expect(res.body.code).toBe(2302);
  });

  it("deregistration deletes the TOTP and returns the user; none → 2301", async () => {
    const { totpPath, store, extId } = await activeTotp();
    const res = await api("POST", `/stores/${store}/users/${extId}/totps/deregistrations/default/ext`, { body: {} });
    expect(res.status).toBe(200);
    expect(res.body.user.summaryInfo.totps).toEqual([]);
    expect((await api("POST", `${totpPath}/deregistrations/default`, { body: {} })).body.code).toBe(2301);
  });

  it("secrets are stored encrypted, not as the base32 or raw secret", async () => {
    const { registration } = await pendingTotp();
    const { env } = await import("cloudflare:workers");
    const row = await env.DB.prepare("SELECT * FROM totps WHERE id = ?").bind(registration.totp.id).first<Record<string, unknown>>();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(registration.secret);
    const hex = Array.from(base32Decode(registration.secret), (b) => b.toString(16).padStart(2, "0")).join("");
    expect(stored.toLowerCase()).not.toContain(hex);
  });
});
