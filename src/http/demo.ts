import { Hono } from "hono";
import type { AppEnv } from "../env";

/** The passkey demo page and its files (`public/demo/passkeys/`, served by the ASSETS binding). */
export const DEMO_PASSKEYS_PATH = "/demo/passkeys";
const DEMO_FILES = ["demo.js", "demo.css"] as const;

/**
 * Only same-origin files: no inline script or style, no eval. The page calls this origin's API
 * with `fetch` and runs WebAuthn ceremonies (allowed for the same origin by default).
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const commonHeaders = {
  "content-security-policy": DEMO_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** Fetches one file from the ASSETS binding (no conditional headers: always a full 200 body). */
async function asset(c: { env: AppEnv["Bindings"]; req: { url: string } }, path: string, contentType: string): Promise<Response> {
  const response = await c.env.ASSETS.fetch(new Request(new URL(path, c.req.url)));
  if (!response.ok) {
    await response.body?.cancel();
    return new Response("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return new Response(response.body, { headers: { ...commonHeaders, "content-type": contentType } });
}

/**
 * `GET /demo/passkeys`: a page that registers a passkey and signs in with it through this API
 * (WebAuthn in the browser, the caller's token pasted in). Public, like `/docs`; every API call
 * the page makes carries the pasted bearer token.
 */
export function demoRoutes(): Hono<AppEnv> {
  const demo = new Hono<AppEnv>();
  // The assets handler serves `index.html` at the folder's path with a trailing slash.
  demo.get(DEMO_PASSKEYS_PATH, (c) => asset(c, `${DEMO_PASSKEYS_PATH}/`, "text/html; charset=utf-8"));
  demo.get(`${DEMO_PASSKEYS_PATH}/`, (c) => c.redirect(DEMO_PASSKEYS_PATH, 301));
  demo.get(`${DEMO_PASSKEYS_PATH}/index.html`, (c) => c.redirect(DEMO_PASSKEYS_PATH, 301));
  for (const file of DEMO_FILES) {
    const type = file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    demo.get(`${DEMO_PASSKEYS_PATH}/${file}`, (c) => asset(c, `${DEMO_PASSKEYS_PATH}/${file}`, type));
  }
  return demo;
}
