// The bench's floor Worker: the minimum D1 work an identity-store route can do, measured by
// `npm run bench` in the same run as the operations (docs/benchmarks.md, "The floor").
//
//   GET  /noop                     200, no auth, no database
//   GET  /jwt                      verifies the bearer token, 200
//   GET  /jwt-read?id=N            token + one SELECT of one row by primary key, 200 {the row}
//   POST /jwt-read-batch {"id":N}  token + that read + one db.batch() of two statements
//                                  (UPDATE of the row's counter, INSERT of an event row), 200
//   POST /jwt-attempt {"id":N}     the same work as /jwt-read-batch (the floor of the attempts)
//   /rate-limited/<any of the four authenticated ones>
//                                  the same after one call of the tenant rate limit binding
//                                  (wrangler.toml's TENANT_RATE_LIMITER, which every API request of
//                                  the project calls; `npm run bench -- --floor-platform`), and for
//                                  /jwt-attempt one call of ATTEMPT_RATE_LIMITER between the read and
//                                  the batch, where the attempt runner calls it
//
// Token verification is the HS256 path of src/http/auth.ts (same header check, same jose call,
// same claim checks), so the bench's token (bench/lib/api.mjs) is accepted unchanged. No
// framework on purpose: whatever the project's routes add on top of this is what the bench shows.
import { jwtVerify } from "jose";

interface Env {
  DB: D1Database;
  TENANT_RATE_LIMITER: RateLimit;
  ATTEMPT_RATE_LIMITER: RateLimit;
  AUTH_JWT_SECRET?: string;
}

interface Item {
  id: number;
  name: string;
  counter: number;
  updated_at: number;
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/i;

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const error = (status: number, code: string): Response => json({ error: code }, status);

/** The caller's tenant, or null when the token is missing or invalid, has no tenant or lacks the scope. */
async function verify(request: Request, env: Env): Promise<string | null> {
  const match = BEARER.exec((request.headers.get("authorization") ?? "").trim());
  if (!match?.[1] || !env.AUTH_JWT_SECRET) return null;
  try {
    const { payload } = await jwtVerify(match[1], new TextEncoder().encode(env.AUTH_JWT_SECRET), { algorithms: ["HS256"] });
    const tenant = payload["tenant"];
    if (typeof tenant !== "string" || tenant.length === 0) return null;
    // requireScope("auth") of src/http/auth.ts: the admin or the auth scope.
    const scopes = new Set((typeof payload["scope"] === "string" ? payload["scope"] : "").split(" ").filter(Boolean));
    return scopes.has("identity-store:admin") || scopes.has("identity-store:auth") ? tenant : null;
  } catch {
    return null;
  }
}

const readItem = (env: Env, id: number) => env.DB.prepare("SELECT id, name, counter, updated_at FROM items WHERE id = ?").bind(id).first<Item>();

function idOf(value: unknown): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const RATE_LIMITED = "/rate-limited";

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const rateLimited = url.pathname.startsWith(`${RATE_LIMITED}/`);
    const route = `${request.method} ${rateLimited ? url.pathname.slice(RATE_LIMITED.length) : url.pathname}`;
    if (route === "GET /noop" && !rateLimited) return json({ ok: true });
    if (!["GET /jwt", "GET /jwt-read", "POST /jwt-read-batch", "POST /jwt-attempt"].includes(route)) return error(404, "not_found");

    const tenant = await verify(request, env);
    if (tenant === null) return error(401, "unauthenticated");
    if (rateLimited && !(await env.TENANT_RATE_LIMITER.limit({ key: tenant })).success) return error(429, "rate_limited");
    if (route === "GET /jwt") return json({ ok: true });

    if (route === "GET /jwt-read") {
      const id = idOf(url.searchParams.get("id") ?? 1);
      if (id === null) return error(400, "invalid_id");
      const item = await readItem(env, id);
      return item ? json(item) : error(404, "not_found");
    }

    // POST /jwt-read-batch, POST /jwt-attempt
    let body: { id?: unknown };
    try {
      body = await request.json();
    } catch {
      return error(400, "invalid_json");
    }
    const id = idOf(body?.id ?? 1);
    if (id === null) return error(400, "invalid_id");
    const item = await readItem(env, id);
    if (!item) return error(404, "not_found");
    if (rateLimited && route === "POST /jwt-attempt" && !(await env.ATTEMPT_RATE_LIMITER.limit({ key: `${tenant}/${id}` })).success) return error(429, "rate_limited");
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE items SET counter = counter + 1, updated_at = ? WHERE id = ?").bind(now, id),
      env.DB.prepare("INSERT INTO events (item_id, kind, at) VALUES (?, 'bench', ?)").bind(id, now),
    ]);
    return json({ id, counter: item.counter + 1 });
  },
} satisfies ExportedHandler<Env>;
