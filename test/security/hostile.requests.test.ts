import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";
import { storeWithUser } from "../support/fixtures";

/** Defects 5 and 6 of issue 10: cache and sniffing headers, 405, charsets, byte-order marks, duplicate keys. */
describe("hostile input: headers and request framing", () => {
  it("every API response, success or error, is no-store, nosniff and no-referrer", async () => {
    const { userPath } = await storeWithUser();
    for (const res of [await api("GET", userPath), await api("GET", "/stores/nope"), await api("GET", "/stores", { anonymous: true })]) {
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("a known path with an unsupported method → 405/9012 with Allow", async () => {
    const { userPath } = await storeWithUser();
    const res = await api("PUT", userPath, { body: {} });
    expect(res.status).toBe(405);
    expect(res.body.code).toBe(9012);
    expect(res.headers.get("allow")).toBe("DELETE, GET, POST");
    expect((await api("PATCH", "/stores")).headers.get("allow")).toBe("GET, POST");
    expect((await api("PUT", "/nowhere")).status).toBe(404);
  });

  it("per-route body limits: the client-reported face failure (no image) takes 1 MiB, face matching 8 MiB", async () => {
    const { userPath } = await storeWithUser();
    const big = JSON.stringify({ type: "face", reason: "x".repeat(1024 * 1024 + 16) });
    const failure = await api("POST", `${userPath}/biometrics/authentications/failure`, { rawBody: big, headers: { "content-type": "application/json" } });
    expect(failure.status).toBe(413);
    expect(failure.body.code).toBe(9006);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(0);
    const match = await api("POST", `${userPath}/biometrics/authentications/face`, { body: { image: "A".repeat(2 * 1024 * 1024), matching: { algorithm: "FACEAPI_128" } } });
    expect(match.status).not.toBe(413);
  });

  it("a charset other than UTF-8 → 415; utf-8 in any spelling is fine", async () => {
    const body = JSON.stringify({ name: uniqueName() });
    expect((await api("POST", "/stores", { rawBody: body, headers: { "content-type": "application/json; charset=utf-16" } })).status).toBe(415);
    expect((await api("POST", "/stores", { rawBody: body, headers: { "content-type": "application/json; charset=latin1" } })).body.code).toBe(9007);
    expect((await api("POST", "/stores", { rawBody: body, headers: { "content-type": 'application/json; charset="UTF-8"' } })).status).toBe(201);
  });

  it("a leading byte-order mark → 400/9001, nothing written", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { rawBody: `\uFEFF${JSON.stringify({ name })}`, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
    expect((await api("GET", `/stores/${name}`)).status).toBe(404);
  });

  it("duplicate keys in a body → 400/9001, nothing written", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { rawBody: `{"name":"${name}","name":"${name}x"}`, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Duplicate key "name"/);
    expect((await api("GET", `/stores/${name}`)).status).toBe(404);
    expect((await api("GET", `/stores/${name}x`)).status).toBe(404);
  });
});
