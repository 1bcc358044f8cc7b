import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { authenticate } from "./auth";
import { jsonContentType } from "./body";
import { allowedMethods } from "./methods";
import { tenantRateLimit } from "./rate-limit";
import { securityHeaders } from "./security-headers";
import { ApiError, ERRORS, zodIssuesToDetails, type ErrorDef } from "./errors";
import { mountRoutes, type RouteEntry } from "./route";
import { serverTiming } from "./server-timing";
import type { SummarySource } from "../users/view";

export const API_BASE = "/api/identity-store";
export const OPENAPI_PATH = `${API_BASE}/openapi.json`;

export function renderError(error: ApiError): Response {
  return Response.json(error.toJSON(), { status: error.status, headers: error.headers });
}

export interface AppParts {
  version: string;
  routes: RouteEntry[];
  summaries: readonly SummarySource[];
  /** Every table of codes: the core's and each capability's. */
  errors: readonly ErrorDef[];
}

/** One table of codes from all of them; two entries with one code are a programming error. */
function joinErrors(errors: readonly ErrorDef[]): ErrorDef[] {
  const byCode = new Map<number, ErrorDef>();
  for (const error of errors) {
    const seen = byCode.get(error.code);
    if (seen && seen !== error) throw new Error(`error code ${error.code} is defined twice`);
    byCode.set(error.code, error);
  }
  return [...byCode.values()].sort((a, b) => a.code - b.code);
}

export function createApp({ version, routes, summaries, errors }: AppParts): OpenAPIHono<AppEnv> {
  const codes = joinErrors(errors);
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError(ERRORS.validation, { details: zodIssuesToDetails(result.error.issues) });
    },
  });

  app.onError((error) => {
    if (error instanceof ApiError) return renderError(error);
    if (error instanceof HTTPException && error.status < 500) {
      return renderError(new ApiError(ERRORS.validation, { message: error.message || "Malformed request." }));
    }
    console.error("unexpected error", error instanceof Error ? error.stack : String(error));
    return renderError(new ApiError(ERRORS.internal));
  });
  app.notFound((c) => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return renderError(new ApiError(ERRORS.notFound, { message: "No such endpoint." }));
    return renderError(new ApiError(ERRORS.methodNotAllowed, { message: `${c.req.method} is not supported here; use ${allow.join(", ")}.`, headers: { Allow: allow.join(", ") } }));
  });

  app.use("*", serverTiming());
  app.use(`${API_BASE}/*`, securityHeaders());
  app.use(`${API_BASE}/*`, async (c, next) => {
    c.set("summaries", summaries);
    await next();
  });
  // Public: the OpenAPI document and the routes declared `scope: "public"` (UAF trusted facets).
  const publicRoutes = routes.flatMap((route) => (route.public ? [route.public] : []));
  const isPublic = (method: string, path: string) => path === OPENAPI_PATH || publicRoutes.some((p) => (p.method === method || (method === "HEAD" && p.method === "GET")) && p.path.test(path));
  app.use(`${API_BASE}/*`, async (c, next) => (isPublic(c.req.method, c.req.path) ? next() : authenticate()(c, next)));
  app.use(`${API_BASE}/*`, tenantRateLimit());
  app.use(`${API_BASE}/*`, jsonContentType());

  app.get("/health", (c) => c.json({ status: "ok", version }));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "JWT with a `tenant` claim and `scope` (identity-store:admin, identity-store:auth).",
  });
  mountRoutes(app, routes);
  app.doc31(OPENAPI_PATH, {
    openapi: "3.1.0",
    info: {
      title: "Identity Store API",
      version,
      description:
        "Users and their authenticators (TOTP, SRP passcodes, passkeys, FIDO UAF app keys, face), with locking and an authentication audit trail. Every user-scoped path also exists with the user's external id: `…/users/{extId}/…/ext`.\n\nError codes: " +
        codes.map((e) => `${e.code} (${e.status}) ${e.message}`).join("; "),
    },
  });
  return app;
}
