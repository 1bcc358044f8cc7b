import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { enrol, match, photo } from "../support/face";
import { faceFailure, storeWithUser } from "../support/fixtures";

describe("face: D1 round trips per operation (Server-Timing)", () => {
  it("reads 1; enrolment, match, non-match, client failure 2; refusals 1", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { faceMaxFailedAttempts: 10, maxFailedAttempts: 10 } });
    const trips: Record<string, number> = {};
    const measure = async <T extends { headers: Headers; status: number; body: any }>(name: string, call: Promise<T>) => {
      const res = await call;
      trips[name] = d1RoundTrips(res);
      return res;
    };
    expect((await measure("match (nothing enrolled)", match(userPath, "amy2"))).body.code).toBe(20122);
    expect((await measure("enrol", enrol(userPath, "amy1"))).status).toBe(200);
    await measure("get", api("GET", `${userPath}/biometrics/face`));
    expect((await measure("match", match(userPath, "amy2"))).status).toBe(200);
    expect((await measure("non-match", match(userPath, "raj1"))).body.code).toBe(20130);
    expect((await measure("client failure", faceFailure(userPath))).status).toBe(200);
    await measure("status change", api("POST", `${userPath}/biometrics/face`, { body: { status: "DISABLED" } }));
    expect((await measure("match (disabled)", api("POST", `${userPath}/biometrics/authentications/face`, { body: { image: await photo("amy2"), matching: { algorithm: "FACEAPI_128" } } }))).body.code).toBe(2103);
    await api("POST", userPath, { body: { status: "DISABLED" } });
    expect((await measure("client failure (refused)", faceFailure(userPath))).body.code).toBe(2102);
    expect((await measure("delete", api("DELETE", `${userPath}/biometrics/face`))).status).toBe(204);
    console.log("face D1 round trips:", JSON.stringify(trips));
    expect(trips).toEqual({
      "match (nothing enrolled)": 2,
      enrol: 2,
      get: 1,
      match: 2,
      "non-match": 2,
      "client failure": 2,
      "status change": 2,
      "match (disabled)": 2,
      "client failure (refused)": 1,
      delete: 2,
    });
  });
});
