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

/** Tokens are verified once and remembered per isolate (src/http/auth.ts): what a remembered token must still meet. */
describe("verified tokens remembered by the isolate", () => {
  const signed = (claims: { exp: number; nbf?: number }) => {
    const jwt = new SignJWT({ tenant: "tenant-a", scope: "identity-store:admin" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime(claims.exp);
    return (claims.nbf === undefined ? jwt : jwt.setNotBefore(claims.nbf)).sign(secret);
  };

  it("a token accepted before it expires is refused once it has: its exp is checked on every request", async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const jwt = await signed({ exp });
    expect((await withToken(jwt)).status).toBe(200);
    expect((await withToken(jwt)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const late = await withToken(jwt);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe(9004);
  }, 10_000);

  it("the same header and claims with another signature are not the remembered token", async () => {
    const jwt = await token();
    expect((await withToken(jwt)).status).toBe(200);
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const other = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    const forged = await withToken(`${header}.${payload}.${other}`);
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe(9004);
    expect((await withToken(jwt)).status).toBe(200);
  });

  it("a token not valid before a time in the future is refused, the first time and after", async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await signed({ exp: now + 600, nbf: now + 300 });
    expect((await withToken(jwt)).status).toBe(401);
    expect((await withToken(jwt)).status).toBe(401);
  });
});
