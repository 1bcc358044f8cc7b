import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { TEST_JWT_SECRET } from "../support/secrets";

const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const claims = { tenant: "tenant-tokens", scope: "identity-store:admin" };
const now = () => Math.floor(Date.now() / 1000);
const call = async (jwt: string) => api("GET", "/stores", { headers: { authorization: `Bearer ${jwt}` } });

/** Defect 4 of issue 10: a token without `exp` never expired. */
describe("hostile input: caller tokens must expire, and soon", () => {
  it("a token without exp → 401/9004", async () => {
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(secret);
    const res = await call(jwt);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(9004);
  });

  it("a token without iat → 401 (its lifetime cannot be known)", async () => {
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(secret);
    expect((await call(jwt)).status).toBe(401);
  });

  it("a lifetime over 24 h (exp − iat) → 401; exactly 24 h is accepted", async () => {
    const t = now();
    const long = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(t).setExpirationTime(t + 86_401).sign(secret);
    const res = await call(long);
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/longer than 86400/);
    const day = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(t).setExpirationTime(t + 86_400).sign(secret);
    expect((await call(day)).status).toBe(200);
  });

  it("iat in the future → 401; a minute of clock difference is tolerated", async () => {
    const t = now();
    const future = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(t + 600).setExpirationTime(t + 900).sign(secret);
    expect((await call(future)).body.message).toMatch(/future/);
    const skewed = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(t + 30).setExpirationTime(t + 900).sign(secret);
    expect((await call(skewed)).status).toBe(200);
  });
});
