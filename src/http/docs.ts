import { Hono } from "hono";
import type { AppEnv } from "../env";
import { OPENAPI_PATH } from "./app";
import { staticFile, staticResponse } from "./static-files";

/** Where the swagger-ui-dist files are served (src/http/static-files.ts). */
export const DOCS_VENDOR_PATH = "/docs/vendor";
export const DOCS_INIT_PATH = "/docs/init.js";

/**
 * Only same-origin files: no inline script or style, no eval. Swagger UI sets styles through
 * the CSSOM only (allowed), fetches the spec and "Try it out" calls from this origin, and the
 * icons in its stylesheet are `data:` SVGs.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Identity Store API reference</title>
    <link rel="icon" type="image/png" href="${DOCS_VENDOR_PATH}/favicon-32x32.png">
    <link rel="stylesheet" href="${DOCS_VENDOR_PATH}/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_VENDOR_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_INIT_PATH}"></script>
  </body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
`;

const pageHeaders = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": DOCS_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

const vendorHeaders = { "x-content-type-options": "nosniff", "cache-control": "no-cache" };

/** The service's icon (a key), answered at `/favicon.ico`, which browsers ask for on every page. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6fd6"/><circle cx="11" cy="16" r="5.5" fill="none" stroke="#fff" stroke-width="3"/><path d="M16 16h11m-3 0v5m-4-5v4" stroke="#fff" stroke-width="3" fill="none"/></svg>`;

/** `GET /docs`: the interactive API reference (Swagger UI) for the OpenAPI document. Public. */
export function docsRoutes(): Hono<AppEnv> {
  const docs = new Hono<AppEnv>();
  docs.get("/docs", () => new Response(PAGE, { headers: pageHeaders }));
  docs.get("/docs/", (c) => c.redirect("/docs", 301));
  docs.get(DOCS_INIT_PATH, () =>
    new Response(INIT, {
      headers: {
        "content-type": "text/javascript; charset=utf-8",
        "x-content-type-options": "nosniff",
        "cache-control": "no-cache",
      },
    }),
  );
  docs.get(`${DOCS_VENDOR_PATH}/*`, async (c) => {
    const file = await staticFile(c.req.path);
    return file ? staticResponse(c.req.raw, file, vendorHeaders) : c.notFound();
  });
  docs.get("/favicon.ico", () => new Response(FAVICON, { headers: { "content-type": "image/svg+xml", "x-content-type-options": "nosniff", "cache-control": "public, max-age=86400" } }));
  return docs;
}
