import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { enrol, match, MATCHING, photo } from "../support/face";
import { storeWithUser } from "../support/fixtures";

const SUMMARY_FIELDS = ["algorithm", "createdDtm", "id", "lastUpdatedDtm", "status", "subtype", "type"];
const BLANK_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("face enrolment", () => {
  it("enrols a face: the biometric summary, never the template", async () => {
    const { userPath } = await storeWithUser();
    const res = await enrol(userPath, "amy1");
    expect(res.status).toBe(200);
    expect(res.body.biometric).toMatchObject({ type: "face", subtype: "FRONTAL", status: "ACTIVE", algorithm: "FACEAPI_128" });
    expect(Object.keys(res.body.user.summaryInfo.biometrics[0]).sort()).toEqual(SUMMARY_FIELDS);
    expect(JSON.stringify(res.body)).not.toMatch(/template/i);
    expect((await api("GET", `${userPath}/biometrics/face`)).body).toEqual(res.body.biometric);
    const replaced = await enrol(userPath, "amy3");
    expect(replaced.body.biometric.id).not.toBe(res.body.biometric.id);
    expect(replaced.body.user.summaryInfo.biometrics).toHaveLength(1);
  });

  it("templates are stored encrypted", async () => {
    const { userPath, userId } = await storeWithUser();
    await enrol(userPath, "raj1");
    const { env } = await import("cloudflare:workers");
    const row = await env.DB.prepare("SELECT sealed_template FROM biometrics WHERE user_id = ?").bind(userId).first<{ sealed_template: string }>();
    expect(row?.sealed_template).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(row?.sealed_template.length).toBeGreaterThan(680);
  });

  it("2005 type, 2006 subtype, 20114 no image, 20115 not JPEG/PNG, 20120 no face", async () => {
    const { userPath } = await storeWithUser();
    expect((await api("POST", `${userPath}/biometrics/voice`, { body: { image: await photo("amy1") } })).body.code).toBe(2005);
    expect((await api("POST", `${userPath}/biometrics/face`, { body: { image: await photo("amy1"), subtype: "PROFILE" } })).body.code).toBe(2006);
    expect((await api("POST", `${userPath}/biometrics/face`, { body: {} })).body.code).toBe(20114);
    expect((await api("POST", `${userPath}/biometrics/face`, { body: { image: btoa("GIF89a-not-a-face") } })).body.code).toBe(20115);
    const blank = await api("POST", `${userPath}/biometrics/face`, { body: { image: BLANK_PNG } });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe(20120);
    expect(blank.body.message).toMatch(/no_face|bad_image|low_quality/);
  });

  it("deletes the enrolled face; GET then 404", async () => {
    const { store, extId, userPath } = await storeWithUser();
    await enrol(userPath, "penny1");
    expect((await api("DELETE", `/stores/${store}/users/${extId}/biometrics/face/ext`)).status).toBe(204);
    expect((await api("GET", `${userPath}/biometrics/face`)).status).toBe(404);
  });
});

describe("face matching", () => {
  it("the same person matches: score, audit record with score and threshold", async () => {
    const { userPath } = await storeWithUser();
    await enrol(userPath, "leonard1");
    const res = await match(userPath, "leonard2");
    expect(res.status).toBe(200);
    expect(res.body.score).toBeGreaterThanOrEqual(0.5);
    expect(res.body.user.lastAuthenticatedDtm).not.toBeNull();
    const audit = await api("GET", `${userPath}/authentications/${res.body.authenticationId}`);
    expect(audit.body).toMatchObject({ type: "Face", result: "SUCCESS", authAuditRecord: { biometricInfo: { type: "face", algorithm: "FACEAPI_128", score: res.body.score, threshold: 0.5 } } });
  });

  it("a different person does not match: 20130 with the user, counted", async () => {
    const { store, extId, userPath } = await storeWithUser();
    await enrol(userPath, "howard1");
    const res = await api("POST", `/stores/${store}/users/${extId}/biometrics/authentications/face/ext`, { body: { image: await photo("penny2"), matching: MATCHING } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(20130);
    expect(res.body.user.locks.modalities.face.failedAttempts).toBe(1);
    const audits = await api("GET", `${userPath}/authentications?type=Face&result=FAILURE`);
    expect(audits.body.content[0].authAuditRecord.biometricInfo.score).toBeLessThan(0.5);
  });

  it("the caller's threshold applies, never below the policy's internalThreshold", async () => {
    const { userPath } = await storeWithUser({ facePolicies: { default: { internalThreshold: 0.3 } } });
    await enrol(userPath, "stuart1");
    const strict = await match(userPath, "stuart2", { ...MATCHING, threshold: 0.99 });
    expect(strict.body.code).toBe(20130);
    const lenient = await match(userPath, "stuart2", { ...MATCHING, threshold: 0 });
    expect(lenient.status).toBe(200);
    const audit = await api("GET", `${userPath}/authentications/${lenient.body.authenticationId}`);
    expect(audit.body.authAuditRecord.biometricInfo.threshold).toBe(0.3);
  });

  it("matching checks: 20123, 20124, 8, 20125, 20126", async () => {
    const { userPath } = await storeWithUser();
    await enrol(userPath, "bernadette1");
    const image = await photo("bernadette2");
    const call = (body: object) => api("POST", `${userPath}/biometrics/authentications/face`, { body: { image, ...body } });
    expect((await call({})).body.code).toBe(20123);
    expect((await call({ matching: {} })).body.code).toBe(20124);
    expect((await call({ matching: { algorithm: "DEEPFACE" } })).body.code).toBe(8);
    expect((await call({ matching: { ...MATCHING, threshold: 1.5 } })).body.code).toBe(20125);
    expect((await call({ matching: { ...MATCHING, internalThreshold: -0.1 } })).body.code).toBe(20126);
  });

  it("nothing enrolled → 20122; disabled → 2103; another model → 20121; bad probe → 20114/20120", async () => {
    const { userPath, userId } = await storeWithUser();
    expect((await match(userPath, "sheldon1")).body.code).toBe(20122);
    await enrol(userPath, "sheldon1");
    expect((await api("POST", `${userPath}/biometrics/authentications/face`, { body: { matching: MATCHING } })).body.code).toBe(20114);
    expect((await api("POST", `${userPath}/biometrics/authentications/face`, { body: { image: BLANK_PNG, matching: MATCHING } })).body.code).toBe(20120);
    const disabled = await api("POST", `${userPath}/biometrics/face`, { body: { status: "DISABLED" } });
    expect(disabled.body.biometric.status).toBe("DISABLED");
    expect((await match(userPath, "sheldon2")).body.code).toBe(2103);
    await api("POST", `${userPath}/biometrics/face`, { body: { status: "ACTIVE" } });
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare("UPDATE biometrics SET algorithm = 'OLDMODEL_64' WHERE user_id = ?").bind(userId).run();
    expect((await match(userPath, "sheldon2")).body.code).toBe(20121);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(0);
  });
});
