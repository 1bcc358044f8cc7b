import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { BASE, uniqueName } from "../support/api";

/** The Worker as deployed in production: tokens verified against the identity provider's JWKS. */
const productionEnv = { ...env, AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: inject("jwksUrl"), AUTH_ISSUER: "https://idp.test", AUTH_AUDIENCE: "identity-store" };

async function signed(claims: Record<string, unknown>, options: { issuer?: string; audience?: string; iat?: number | null; exp?: number | string | null } = {}) {
  const key = await importJWK(inject("jwksPrivateKey"), "ES256");
  const jwt = new SignJWT({ tenant: "tenant-jwks", scope: "identity-store:admin", ...claims })
    .setProtectedHeader({ alg: "ES256", kid: "test-key" })
    .setIssuer(options.issuer ?? "https://idp.test")
    .setAudience(options.audience ?? "identity-store");
  if (options.iat !== null) jwt.setIssuedAt(options.iat);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? "5m");
  return jwt.sign(key);
}

async function call(jwt: string, init: RequestInit = {}, path = "/stores") {
  const headers = { authorization: `Bearer ${jwt}`, "content-type": "application/json" };
  return app.fetch(new Request(`${BASE}${path}`, { ...init, headers }), productionEnv);
}

describe("caller tokens verified against a JWKS (production mode)", () => {
  it("accepts an ES256 token from the JWKS and scopes it to its tenant", async () => {
    const name = uniqueName();
    const res = await call(await signed({}), { method: "POST", body: JSON.stringify({ name }) });
    expect(res.status).toBe(201);
    const list = await call(await signed({}));
    expect(((await list.json()) as { content: { name: string }[] }).content.map((s) => s.name)).toContain(name);
  });

  it("applies the lifetime rules too: exp and iat required, exp − iat ≤ 24 h, iat not in the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await call(await signed({}, { exp: null }))).status).toBe(401);
    expect((await call(await signed({}, { iat: null }))).status).toBe(401);
    expect((await call(await signed({}, { iat: now, exp: now + 86_401 }))).status).toBe(401);
    expect((await call(await signed({}, { iat: now + 600, exp: now + 900 }))).status).toBe(401);
    expect((await call(await signed({}, { iat: now, exp: now + 86_400 }))).status).toBe(200);
  });

  it("refuses a wrong issuer or audience, and an HS256 token signed with the dev secret", async () => {
    expect((await call(await signed({}, { issuer: "https://evil.test" }))).status).toBe(401);
    expect((await call(await signed({}, { audience: "another-api" }))).status).toBe(401);
    const hs = await new SignJWT({ tenant: "t", scope: "identity-store:admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("https://idp.test")
      .setAudience("identity-store")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("test-only-hs256-secret-0123456789abcdef"));
    const res = await call(hs);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: number }).code).toBe(9004);
  });
});
