import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../src/index";
import { api, BASE, token } from "../support/api";
import { enrol, match, MATCHING, photo } from "../support/face";
import { storeWithUser } from "../support/fixtures";

describe("face: locking and a face service that is down", () => {
  it("impostor attempts lock the face modality at faceMaxFailedAttempts (2101), not the genuine user's other factors", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { faceMaxFailedAttempts: 2, maxFailedAttempts: 10 } });
    await enrol(userPath, "amy1");
    expect((await match(userPath, "raj1")).body.code).toBe(20130);
    expect((await match(userPath, "raj2")).body.code).toBe(20130);
    const locked = await match(userPath, "amy2");
    expect(locked.body.code).toBe(2101);
    expect(locked.body.user.locks.modalities.face.lockedUntilDtm).not.toBeNull();
  });

  it("a locked user is refused (2100) and a disabled one (2102) before the image is looked at", async () => {
    const { userPath } = await storeWithUser();
    await enrol(userPath, "penny1");
    await api("POST", userPath, { body: { status: "LOCKED" } });
    expect((await match(userPath, "penny2")).body.code).toBe(2100);
    await api("POST", userPath, { body: { status: "DISABLED" } });
    expect((await match(userPath, "penny2")).body.code).toBe(2102);
  });

  it("face service down → 503/9009, not counted as a failed attempt", async () => {
    const { userPath } = await storeWithUser();
    await enrol(userPath, "howard1");
    const down = { ...env, FACE_SERVICE_URL: "http://127.0.0.1:9" };
    const request = async (path: string, body: object) =>
      app.fetch(
        new Request(`${BASE}${path}`, { method: "POST", headers: { authorization: `Bearer ${await token()}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        down,
      );
    const res = await request(`${userPath}/biometrics/authentications/face`, { image: await photo("howard2"), matching: MATCHING });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: number }).code).toBe(9009);
    const enrolRes = await request(`${userPath}/biometrics/face`, { image: await photo("howard2") });
    expect(enrolRes.status).toBe(503);
    expect((await api("GET", userPath)).body.locks).toMatchObject({ failedAttempts: 0, modalities: {} });
  });

  it("an image over the policy's maxImageBytes is refused with 413 and nothing is stored", async () => {
    const { userPath } = await storeWithUser({ facePolicies: { default: { maxImageBytes: 2048 } } });
    const res = await enrol(userPath, "amy1");
    expect(res.status).toBe(413);
    expect((await api("GET", `${userPath}/biometrics/face`)).status).toBe(404);
  });
});
