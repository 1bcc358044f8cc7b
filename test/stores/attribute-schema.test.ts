import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: { tier: { enum: ["gold", "silver"] }, score: { type: "integer", minimum: 0 } },
  required: ["tier"],
};

describe("attributeSchema", () => {
  it("is stored and returned; null removes it", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { body: { name, attributeSchema: schema } });
    expect(res.status).toBe(201);
    expect(res.body.attributeSchema).toEqual(schema);
    const cleared = await api("POST", `/stores/${name}`, { body: { attributeSchema: null } });
    expect(cleared.body.attributeSchema).toBeNull();
  });

  it.each([
    ["a type that is not a JSON type", { type: "strings" }],
    ["required that is not an array", { type: "object", required: "tier" }],
    ["minimum that is not a number", { minimum: "0" }],
    ["an unsupported draft", { $schema: "http://json-schema.org/draft-03/schema#" }],
  ])("rejects %s with 400/9001", async (_label, bad) => {
    const res = await api("POST", "/stores", { body: { name: uniqueName(), attributeSchema: bad } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(res.body.details[0].path).toMatch(/^attributeSchema/);
  });

  it("accepts drafts 7 and 2019-09 too", async () => {
    for (const $schema of ["http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2019-09/schema"]) {
      const res = await api("POST", "/stores", { body: { name: uniqueName(), attributeSchema: { $schema, type: "object" } } });
      expect(res.status).toBe(201);
    }
  });

  it("validates user attributes on create and update with 400/2200 and the validator's details", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name, attributeSchema: schema } });
    const bad = await api("POST", `/stores/${name}/users`, { body: { extId: "u1", attributes: { tier: "bronze", score: -1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(2200);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["attributes.tier", "attributes.score"]));
    const missing = await api("POST", `/stores/${name}/users`, { body: { extId: "u1" } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe(2200);
    const ok = await api("POST", `/stores/${name}/users`, { body: { extId: "u1", attributes: { tier: "gold" } } });
    expect(ok.status).toBe(201);
    const badUpdate = await api("POST", `/stores/${name}/users/${ok.body.id}`, { body: { attributes: { tier: null } } });
    expect(badUpdate.status).toBe(400);
    expect(badUpdate.body.code).toBe(2200);
    const goodUpdate = await api("POST", `/stores/${name}/users/${ok.body.id}`, { body: { attributes: { score: 3 } } });
    expect(goodUpdate.status).toBe(200);
    expect(goodUpdate.body.attributes).toEqual({ tier: "gold", score: 3 });
  });
});
