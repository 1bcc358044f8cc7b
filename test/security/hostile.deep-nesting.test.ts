import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";
import { storeWithUser } from "../support/fixtures";

const nested = (depth: number): string => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const post = (path: string, text: string) => api("POST", path, { rawBody: text, headers: { "content-type": "application/json" } });

/** Defect 2 of issue 10: deep nesting reached recursive code (merge patch, schema compilation) and answered 500. */
describe("hostile input: nesting depth is refused before any recursive processing", () => {
  it("user attributes nested 7000 deep on create, 10000 on update → 400/9001, nothing written", async () => {
    const { store, userPath } = await storeWithUser();
    const created = await post(`/stores/${store}/users`, `{"extId":"deep","attributes":${nested(7000)}}`);
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 9001, message: "JSON nested deeper than 32 levels." });
    expect((await api("GET", `/stores/${store}/users/deep/ext`)).status).toBe(404);
    const updated = await post(userPath, `{"attributes":${nested(10_000)}}`);
    expect(updated.status).toBe(400);
    expect(updated.body.code).toBe(9001);
  });

  it("store configuration and attributeSchema nested 10000 deep → 400/9001 with a plain message", async () => {
    const name = uniqueName();
    expect((await api("POST", "/stores", { body: { name } })).status).toBe(201);
    const before = (await api("GET", `/stores/${name}`)).body.version;
    for (const field of ["configuration", "attributeSchema"]) {
      const res = await post(`/stores/${name}`, `{"${field}":${nested(10_000)}}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe("JSON nested deeper than 32 levels.");
      expect(JSON.stringify(res.body)).not.toMatch(/call stack/i);
    }
    expect((await api("GET", `/stores/${name}`)).body.version).toBe(before);
  });

  it("nesting within the limit still works", async () => {
    const { userPath } = await storeWithUser();
    const res = await post(userPath, `{"attributes":{"x":${nested(25)}}}`);
    expect(res.status).toBe(200);
  });
});
