import { exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, BASE, token, uniqueName } from "../support/api";
import { TEST_JWT_SECRET } from "../support/secrets";

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

async function withToken(jwt: string) {
  return api("GET", "/stores", { headers: { authorization: `Bearer ${jwt}` } });
}

describe("caller authentication and tenancy", () => {
  it("401/9004 without a token, with a malformed one, a wrong signature or an expired one", async () => {
    for (const res of [
      await api("GET", "/stores", { anonymous: true }),
      await api("GET", "/stores", { headers: { authorization: "Basic abc" } }),
      await withToken("not.a.jwt"),
      await withToken(await new SignJWT({ tenant: "t", scope: "identity-store:admin" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(new TextEncoder().encode("another-secret-of-sufficient-length"))),
      await withToken(await new SignJWT({ tenant: "t", scope: "identity-store:admin" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret)),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(9004);
    }
  });

  it("refuses a token without a tenant claim and an unsigned (alg none) token", async () => {
    const noTenant = await new SignJWT({ scope: "identity-store:admin" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(secret);
    expect((await withToken(noTenant)).status).toBe(401);
    const header = btoa(JSON.stringify({ alg: "none" })).replace(/=+$/, "");
    const payload = btoa(JSON.stringify({ tenant: "t", scope: "identity-store:admin" })).replace(/=+$/, "");
    expect((await withToken(`${header}.${payload}.`)).status).toBe(401);
  });

  it("403/9005 without a known scope", async () => {
    const res = await api("GET", "/stores", { scope: "profile email" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(9005);
  });

  it("a token of tenant A never sees or changes tenant B's stores (404, not 403)", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name }, tenant: "tenant-b" });
    for (const res of [
      await api("GET", `/stores/${name}`, { tenant: "tenant-c" }),
      await api("POST", `/stores/${name}`, { body: { description: "hijack" }, tenant: "tenant-c" }),
      await api("DELETE", `/stores/${name}?force=true`, { tenant: "tenant-c" }),
      await api("POST", `/stores/${name}/users`, { body: { extId: "x" }, tenant: "tenant-c" }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(9002);
    }
    expect((await api("GET", `/stores/${name}`, { tenant: "tenant-b" })).body.description).toBeNull();
  });

  it("the OpenAPI document and /health are public", async () => {
    const doc = await exports.default.fetch(`${BASE}/openapi.json`);
    expect(doc.status).toBe(200);
    expect((await exports.default.fetch("https://is.test/health")).status).toBe(200);
  });

  it("a valid token of either scope is accepted for reads", async () => {
    const jwt = await token({ scope: "identity-store:auth" });
    expect((await withToken(jwt)).status).toBe(200);
  });
});
