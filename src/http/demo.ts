import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { staticFile, staticResponse } from "./static-files";

/** The passkey demo page and its files (`static/demo/passkeys/`). */
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

/** One file of the page (static/demo/passkeys/, built into src/http/static-files.generated.js). */
async function asset(c: Context<AppEnv>, path: string): Promise<Response> {
  const file = await staticFile(path);
  return file ? staticResponse(c.req.raw, file, commonHeaders) : c.notFound();
}

/**
 * `GET /demo/passkeys`: a page that registers a passkey and signs in with it through this API
 * (WebAuthn in the browser, the caller's token pasted in). Public, like `/docs`; every API call
 * the page makes carries the pasted bearer token.
 */
export function demoRoutes(): Hono<AppEnv> {
  const demo = new Hono<AppEnv>();
  demo.get(DEMO_PASSKEYS_PATH, (c) => asset(c, `${DEMO_PASSKEYS_PATH}/index.html`));
  demo.get(`${DEMO_PASSKEYS_PATH}/`, (c) => c.redirect(DEMO_PASSKEYS_PATH, 301));
  demo.get(`${DEMO_PASSKEYS_PATH}/index.html`, (c) => c.redirect(DEMO_PASSKEYS_PATH, 301));
  for (const file of DEMO_FILES) demo.get(`${DEMO_PASSKEYS_PATH}/${file}`, (c) => asset(c, `${DEMO_PASSKEYS_PATH}/${file}`));
  return demo;
}
