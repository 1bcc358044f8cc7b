import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";

describe("error rendering and request limits", () => {
  it("415/9007 for a body that is not JSON", async () => {
    const res = await api("POST", "/stores", { rawBody: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 9007 });
    expect(typeof res.body.message).toBe("string");
  });

  it("400/9001 for malformed JSON", async () => {
    const res = await api("POST", "/stores", { rawBody: "{\"name\":", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
  });

  it("413/9006 for a body over 1 MiB, and nothing is written", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { body: { name, description: "x".repeat(1024 * 1024 + 10) } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(9006);
    expect((await api("GET", `/stores/${name}`)).status).toBe(404);
  });

  it("404/9002 JSON for an unknown endpoint", async () => {
    const res = await api("GET", "/nowhere");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(9002);
  });

  it("a JSON array or scalar body is a validation error, not a crash", async () => {
    for (const body of [[], "str", 42, null]) {
      const res = await api("POST", "/stores", { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(9001);
    }
  });

  it("error bodies never carry stack traces", async () => {
    const res = await api("POST", "/stores", { body: { name: 5 } });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(Object.keys(res.body).sort()).toEqual(["code", "details", "message"]);
  });
});
