import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from "jose";
import type { AppEnv, Bindings, Caller } from "../env";
import { ApiError, ERRORS } from "./errors";

export const SCOPES = {
  admin: "identity-store:admin",
  auth: "identity-store:auth",
} as const;

/** `admin` routes need the admin scope; `auth` routes (ceremonies, reads) accept either scope. */
export type RouteScope = keyof typeof SCOPES;

/** Default longest accepted token lifetime (`exp − iat`); AUTH_MAX_TOKEN_LIFETIME_SEC overrides it. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SEC = 24 * 60 * 60;
/** Clock difference tolerated between the token's issuer and this service. */
const CLOCK_TOLERANCE_SEC = 60;

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const hmacKeysBySecret = new Map<string, Promise<CryptoKey>>();

/** The HS256 key, imported once per isolate rather than on every request. */
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeysBySecret.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    hmacKeysBySecret.set(secret, key);
  }
  return key;
}

/**
 * Tokens verified in this isolate: a back end sends the same token on every request until it
 * expires, so its signature is checked about once a minute instead of on every request. A hit
 * still needs the same configuration, `exp` (and `nbf`) still holding, and an entry younger than
 * {@link VERIFIED_TOKEN_TTL_MS}, so that a key withdrawn from a JWKS stops working as soon as jose's
 * own key cache lets it.
 */
const verifiedTokens = new Map<string, { config: string; payload: JWTPayload; at: number }>();
const VERIFIED_TOKENS_MAX = 1000;
const VERIFIED_TOKEN_TTL_MS = 60_000;

function verifierConfig(env: Bindings): string {
  return JSON.stringify([env.AUTH_JWKS_URL ?? null, env.AUTH_JWT_SECRET ?? null, env.AUTH_ISSUER ?? null, env.AUTH_AUDIENCE ?? null]);
}

function timelyAt(payload: JWTPayload, nowMs: number): boolean {
  const nowSec = Math.floor(nowMs / 1000);
  return typeof payload.exp === "number" && payload.exp > nowSec && (payload.nbf === undefined || payload.nbf <= nowSec);
}

async function verifyTokenOnce(token: string, env: Bindings, nowMs: number): Promise<JWTPayload> {
  const config = verifierConfig(env);
  const hit = verifiedTokens.get(token);
  if (hit && hit.config === config && nowMs - hit.at < VERIFIED_TOKEN_TTL_MS && timelyAt(hit.payload, nowMs)) return hit.payload;
  verifiedTokens.delete(token);
  const payload = Object.freeze(await verifyToken(token, env));
  if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) verifiedTokens.delete(verifiedTokens.keys().next().value as string);
  verifiedTokens.set(token, { config, payload, at: nowMs });
  return payload;
}

async function verifyToken(token: string, env: Bindings): Promise<JWTPayload> {
  const options: JWTVerifyOptions = {
    requiredClaims: ["exp", "iat"],
    ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}),
    ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
  };
  if (env.AUTH_JWKS_URL) {
    let jwks = jwksByUrl.get(env.AUTH_JWKS_URL);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL));
      jwksByUrl.set(env.AUTH_JWKS_URL, jwks);
    }
    const { payload } = await jwtVerify(token, jwks, { ...options, algorithms: ["RS256", "ES256", "EdDSA"] });
    return payload;
  }
  if (!env.AUTH_JWT_SECRET) throw new ApiError(ERRORS.unauthenticated, { message: "Token verification is not configured." });
  const { payload } = await jwtVerify(token, await hmacKey(env.AUTH_JWT_SECRET), { ...options, algorithms: ["HS256"] });
  return payload;
}

/**
 * Lifetime rules jose does not apply by itself: `iat` not in the future, and `exp − iat` within the
 * maximum, so that a leaked long-lived token is refused even before it expires.
 */
function assertLifetime(payload: JWTPayload, env: Bindings, nowSec: number): void {
  const { iat, exp } = payload as { iat: number; exp: number };
  const configured = Number(env.AUTH_MAX_TOKEN_LIFETIME_SEC);
  const max = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_TOKEN_LIFETIME_SEC;
  if (iat > nowSec + CLOCK_TOLERANCE_SEC) throw new ApiError(ERRORS.unauthenticated, { message: "The token was issued in the future." });
  if (exp - iat > max) throw new ApiError(ERRORS.unauthenticated, { message: `The token lives longer than ${max} s (exp − iat).` });
}

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/i.exec(header.trim());
    if (!match?.[1]) throw new ApiError(ERRORS.unauthenticated);
    let payload: JWTPayload;
    try {
      const nowMs = Date.now();
      payload = await verifyTokenOnce(match[1], c.env, nowMs);
      assertLifetime(payload, c.env, Math.floor(nowMs / 1000));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(ERRORS.unauthenticated);
    }
    const tenant = payload["tenant"];
    if (typeof tenant !== "string" || tenant.length === 0) {
      throw new ApiError(ERRORS.unauthenticated, { message: "The token has no tenant claim." });
    }
    const scope = typeof payload["scope"] === "string" ? payload["scope"] : "";
    const caller: Caller = { tenant, scopes: new Set(scope.split(" ").filter(Boolean)), subject: payload.sub };
    c.set("caller", caller);
    await next();
  };
}

export function requireScope(scope: RouteScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { scopes } = c.get("caller");
    const allowed = scopes.has(SCOPES.admin) || (scope === "auth" && scopes.has(SCOPES.auth));
    if (!allowed) throw new ApiError(ERRORS.forbidden, { message: `This operation needs the scope ${SCOPES[scope]}.` });
    await next();
  };
}
