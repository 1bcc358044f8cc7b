// Token and a small JSON client for the benchmark's setup phase (not used for the measured load).
import { SignJWT } from "jose";

export const TENANT = "bench";
export const SCOPE = "identity-store:admin identity-store:auth";
export const API = "/api/identity-store";

/** HS256 caller token for the throw-away server, valid for `hours`. */
export async function mintToken(secret, { tenant = TENANT, scope = SCOPE, hours = 4 } = {}) {
  return new SignJWT({ tenant, scope })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("bench")
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(new TextEncoder().encode(secret));
}

export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} → ${status}: ${typeof body === "string" ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

/** JSON client bound to one server and token. */
export function apiClient(baseUrl, token) {
  async function call(method, path, body, { expect } = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* keep text */
    }
    const ok = expect ? expect.includes(response.status) : response.ok;
    if (!ok) throw new ApiError(method, path, response.status, parsed);
    return parsed;
  }
  return {
    baseUrl,
    token,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    get: (path, options) => call("GET", path, undefined, options),
    post: (path, body, options) => call("POST", path, body, options),
    delete: (path, options) => call("DELETE", path, undefined, options),
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; results in order. */
export async function inParallel(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
