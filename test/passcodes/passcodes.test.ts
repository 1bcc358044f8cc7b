import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { authenticate, passcodeUser, register } from "../support/passcodes";

const SUMMARY_FIELDS = ["activatedDtm", "createdDtm", "expirationDtm", "id", "lastAuthenticatedWithDtm", "lastUpdatedDtm", "policyName", "protocol", "status"];

describe("passcode registration", () => {
  it("announces identity, group, hash, profile and the policy's length rules", async () => {
    const f = await passcodeUser({ type: "PIN", srpGroup: 3072, srpHash: "SHA-512" });
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ identity: f.userId, srp: { group: 3072, hash: "SHA-512", profile: "rfc5054", g: "05" }, policy: { type: "PIN", minLength: 6, maxLength: 12 } });
    expect(start.body.srp.N).toHaveLength(768);
    expect(start.body.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(start.body.expirationDtm) - Date.now()).toBeGreaterThan(290_000);
  });

  it("completes into an ACTIVE passcode; salt and verifier never come back", async () => {
    const f = await passcodeUser({ expiryDays: 30 });
    const res = await register(f, "correct horse");
    expect(res.status).toBe(200);
    expect(res.body.passcode).toMatchObject({ status: "ACTIVE", policyName: "default", protocol: "SRP", srpGroup: 2048, srpHash: "SHA-256", lastAuthenticatedWithDtm: null });
    expect(Date.parse(res.body.passcode.expirationDtm) - Date.parse(res.body.passcode.activatedDtm)).toBe(30 * 86_400_000);
    expect(Object.keys(res.body.user.summaryInfo.passcodes[0]).sort()).toEqual(SUMMARY_FIELDS);
    const listed = await api("GET", f.passcodePath);
    expect(listed.body).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toMatch(/salt|verifier/i);
    expect((await api("GET", `${f.passcodePath}/registrations/default`)).body.id).toBe(res.body.passcode.id);
    expect((await api("GET", `/stores/${f.store}/users/${f.extId}/passcodes/${res.body.passcode.id}/ext`)).body).toEqual(listed.body[0]);
  });

  it("a registered policy refuses another registration with 409/2402 (start and complete)", async () => {
    const f = await passcodeUser();
    const early = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    expect((await register(f, "first")).status).toBe(200);
    const again = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(2402);
    const late = await api("POST", `${f.sessions}/registrations/sessions/${early.body.sessionId}`, { body: { salt: "00".repeat(16), verifier: "abcdef" } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe(2402);
    expect(late.body.user.id).toBe(f.userId);
  });

  it("an unknown policy is 400/2201", async () => {
    const f = await passcodeUser();
    expect((await api("POST", `${f.passcodePath}/registrations/nope`, { body: {} })).body.code).toBe(2201);
    expect((await api("POST", `${f.passcodePath}/authentications/nope`, { body: {} })).body.code).toBe(2201);
  });
});

describe("passcode authentication", () => {
  it("the right passcode authenticates, returns M2 and writes a Passcode audit record", async () => {
    const f = await passcodeUser();
    const reg = await register(f, "s3cret-passcode");
    const { complete, proof } = await authenticate(f, "s3cret-passcode");
    expect(complete.status).toBe(200);
    expect(complete.body.M2).toBe(proof!.expectedM2);
    expect(complete.body.passcode.lastAuthenticatedWithDtm).not.toBeNull();
    expect(complete.body.user.lastAuthenticatedDtm).not.toBeNull();
    const audit = await api("GET", `${f.userPath}/authentications/${complete.body.authenticationId}`);
    expect(audit.body).toMatchObject({
      type: "Passcode",
      result: "SUCCESS",
      authAuditRecord: { type: "Passcode", passcodeInfo: { id: reg.body.passcode.id, policyName: "default", protocol: "SRP" } },
      authAuditDisplayInfo: { passcodeAuditInfo: { policyName: "default", protocol: "SRP" } },
    });
    expect(audit.body.authAuditDisplayInfo.passcodeAuditInfo.authenticationDtm).toBe(audit.body.createdDtm);
  });

  it("a wrong passcode is 2404 with the user and counted", async () => {
    const f = await passcodeUser();
    await register(f, "right");
    const { complete } = await authenticate(f, "wrong");
    expect(complete.status).toBe(400);
    expect(complete.body.code).toBe(2404);
    expect(complete.body.user.locks.modalities.passcode.failedAttempts).toBe(1);
    const audits = await api("GET", `${f.userPath}/authentications?type=Passcode&result=FAILURE`);
    expect(audits.body.content[0].errorCode).toBe(2404);
  });

  it("none registered → 2401; DISABLED → 2403; expired → 2407 but renewal still works", async () => {
    const f = await passcodeUser({ expiryDays: 1 });
    expect((await authenticate(f, "x")).start.body.code).toBe(2401);
    const reg = await register(f, "pass-1");
    const id = reg.body.passcode.id;
    await api("POST", `${f.passcodePath}/${id}`, { body: { status: "DISABLED" } });
    expect((await authenticate(f, "pass-1")).start.body.code).toBe(2403);
    await api("POST", `${f.passcodePath}/${id}`, { body: { status: "ACTIVE", expirationDtm: new Date(Date.now() - 1000).toISOString() } });
    const expired = await authenticate(f, "pass-1");
    expect(expired.start.status).toBe(400);
    expect(expired.start.body.code).toBe(2407);
    const renewed = await authenticate(f, "pass-1", "renewals", { salt: "ab".repeat(16), verifier: "02" });
    expect(renewed.complete.status).toBe(200);
    expect(Date.parse(renewed.complete.body.passcode.expirationDtm)).toBeGreaterThan(Date.now() + 86_000_000);
    expect((await api("GET", f.userPath)).body.locks.failedAttempts).toBe(0);
  });

  it("a PENDING_ACTIVE user becomes ACTIVE on a passcode success", async () => {
    const f = await passcodeUser({}, { defaultUserStatus: "PENDING_ACTIVE" });
    await register(f, "pin-123456");
    expect((await authenticate(f, "pin-123456")).complete.body.user.status).toBe("ACTIVE");
  });
});

describe("passcode renewal", () => {
  it("proves the current passcode, then replaces it", async () => {
    const f = await passcodeUser();
    await register(f, "old-passcode");
    const start = await api("POST", `${f.passcodePath}/renewals/default`, { body: {} });
    const { ourClient } = await import("../support/passcodes");
    const proof = await ourClient.proof(start.body.identity, "old-passcode", start.body.srp, start.body.salt, start.body.B);
    const next = await ourClient.register(start.body.identity, "new-passcode", start.body.srp);
    const res = await api("POST", `${f.sessions}/renewals/sessions/${start.body.sessionId}`, { body: { A: proof.A, M1: proof.M1, ...next } });
    expect(res.status).toBe(200);
    expect(res.body.M2).toBe(proof.expectedM2);
    expect((await authenticate(f, "new-passcode")).complete.status).toBe(200);
    expect((await authenticate(f, "old-passcode")).complete.body.code).toBe(2404);
  });

  it("a wrong current passcode does not replace anything", async () => {
    const f = await passcodeUser();
    await register(f, "keep-me");
    const res = await authenticate(f, "guess", "renewals", { salt: "cd".repeat(16), verifier: "03" });
    expect(res.complete.body.code).toBe(2404);
    expect((await authenticate(f, "keep-me")).complete.status).toBe(200);
  });
});

describe("passcode management", () => {
  it("updates, deletes and deregisters; missing ones are 404 / 2401", async () => {
    const f = await passcodeUser();
    const reg = await register(f, "manage-me");
    const id = reg.body.passcode.id;
    const updated = await api("POST", `${f.passcodePath}/${id}`, { body: { expirationDtm: "2030-01-01T00:00:00.000Z" } });
    expect(updated.body.expirationDtm).toBe("2030-01-01T00:00:00.000Z");
    expect((await api("POST", `${f.passcodePath}/${id}`, { body: { expirationDtm: null } })).body.expirationDtm).toBeNull();
    expect((await api("POST", `${f.passcodePath}/${id}`, { body: { status: "LOST" } })).status).toBe(400);
    const dereg = await api("POST", `/stores/${f.store}/users/${f.extId}/passcodes/deregistrations/default/ext`, { body: {} });
    expect(dereg.status).toBe(200);
    expect(dereg.body.user.summaryInfo.passcodes).toEqual([]);
    expect((await api("POST", `${f.passcodePath}/deregistrations/default`, { body: {} })).body.code).toBe(2401);
    expect((await api("GET", `${f.passcodePath}/${id}`)).status).toBe(404);
    const again = await register(f, "second");
    expect((await api("DELETE", `${f.passcodePath}/${again.body.passcode.id}`)).status).toBe(204);
    expect((await api("GET", f.passcodePath)).body).toEqual([]);
  });

  it("verifiers are stored encrypted", async () => {
    const f = await passcodeUser();
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    const { ourClient } = await import("../support/passcodes");
    const material = await ourClient.register(start.body.identity, "enc", start.body.srp);
    await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: material });
    const { env } = await import("cloudflare:workers");
    const row = await env.DB.prepare("SELECT * FROM passcodes WHERE user_id = ?").bind(f.userId).first<Record<string, unknown>>();
    expect(JSON.stringify(row).toLowerCase()).not.toContain(material.verifier.slice(0, 64));
  });
});
