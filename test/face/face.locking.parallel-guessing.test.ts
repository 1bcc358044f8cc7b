import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { enrol, MATCHING, photo } from "../support/face";
import { storeWithUser } from "../support/fixtures";

const N = 20;
const count = (codes: unknown[], code: number) => codes.filter((c) => c === code).length;

async function faceUser(userLockConfig: object) {
  const fixture = await storeWithUser({ userLockConfig });
  expect((await enrol(fixture.userPath, "amy1")).status).toBe(200);
  const impostor = await photo("raj1");
  const attempt = (image: string) => api("POST", `${fixture.userPath}/biometrics/authentications/face`, { body: { image, matching: MATCHING } });
  return { ...fixture, impostor, attempt };
}

async function failureCodes(userPath: string) {
  const records = (await api("GET", `${userPath}/authentications?type=Face&result=FAILURE&size=100`)).body.content as { errorCode: number }[];
  return records.map((r) => r.errorCode);
}

describe("face: parallel impostor attempts are bounded by the lock thresholds", () => {
  it(`modality level: ${N} parallel impostors → exactly 3 matched against the template (20130), the rest 2101; the genuine face afterwards is refused`, async () => {
    const { userPath, impostor, attempt } = await faceUser({ faceMaxFailedAttempts: 3, maxFailedAttempts: 100 });
    const codes = (await Promise.all(Array.from({ length: N }, () => attempt(impostor)))).map((r) => r.body.code);
    expect(count(codes, 20130)).toBe(3);
    expect(count(codes, 2101)).toBe(N - 3);
    const audited = await failureCodes(userPath);
    expect(count(audited, 20130)).toBe(3);
    expect(count(audited, 2101)).toBe(N - 3);
    expect((await api("GET", userPath)).body.locks.modalities.face.failedAttempts).toBe(3);

    const genuine = await attempt(await photo("amy2"));
    expect(genuine.body.code).toBe(2101);
    expect((await api("GET", `${userPath}/authentications?type=Face&result=SUCCESS`)).body.content.filter((r: { event: string }) => r.event === "AUTHENTICATION")).toHaveLength(0);
  });

  it(`user level: maxFailedAttempts 4 → ${N} parallel impostors, exactly 4 matched (20130), the rest 2100`, async () => {
    const { userPath, impostor, attempt } = await faceUser({ faceMaxFailedAttempts: 100, maxFailedAttempts: 4 });
    const codes = (await Promise.all(Array.from({ length: N }, () => attempt(impostor)))).map((r) => r.body.code);
    expect(count(codes, 20130)).toBe(4);
    expect(count(codes, 2100)).toBe(N - 4);
    expect(count(await failureCodes(userPath), 20130)).toBe(4);
    const user = (await api("GET", userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(4);
  });
});
