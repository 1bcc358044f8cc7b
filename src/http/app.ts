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
  /** The capabilities' tags and what `/docs` says of each (the core's are below). */
  tagDescriptions?: Readonly<Record<string, string>>;
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

/** Tags of the core, in a newcomer's order: the first two before any capability's, the last two after. */
const LEADING_TAGS = ["Stores", "Users"];
const TRAILING_TAGS = ["Audit", "Locking"];
const CORE_TAGS = [...LEADING_TAGS, ...TRAILING_TAGS];
const TAG_DESCRIPTIONS: Record<string, string> = {
  Stores: "Start here: a store holds users and the configuration (policies) of each authenticator.",
  Users: "The users of a store, by internal id or by external id (`…/ext`).",
  Audit: "The audit record of every authentication and registration attempt.",
  Locking: "A user's locks: the whole user and each modality.",
};

/** The operations' tags: Stores, Users, then each capability's in the order mounted, then Audit and Locking. */
function tagsInOrder(app: OpenAPIHono<AppEnv>): string[] {
  const seen = new Set<string>();
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type === "route") for (const tag of definition.route.tags ?? []) seen.add(tag);
  }
  const middle = [...seen].filter((tag) => !CORE_TAGS.includes(tag));
  return [...LEADING_TAGS, ...middle, ...TRAILING_TAGS].filter((tag) => seen.has(tag));
}

export function createApp({ version, routes, summaries, errors, tagDescriptions = {} }: AppParts): OpenAPIHono<AppEnv> {
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
  mountRoutes(app, routes, new Map(codes.map((e) => [e.code, e])));
  const tags = tagsInOrder(app);
  const modalities = tags.filter((tag) => !CORE_TAGS.includes(tag));
  app.doc31(OPENAPI_PATH, {
    openapi: "3.1.0",
    info: {
      title: "Identity Store API",
      version,
      description: [
        `Users and their authenticators (${modalities.join(", ")}), in named stores per tenant, with locking and an audit trail of every authentication attempt.`,
        "Start with **Stores** (create one), then **Users** (create a user in it), then an authenticator (e.g. **TOTP**: start a registration, complete it with a code, authenticate), then read the attempt in **Audit**.",
        "Every user-scoped path also exists with the user's external id: `…/users/{extId}/…/ext`.",
        "Every call needs a bearer JWT with a `tenant` claim and a `scope` (`identity-store:admin`, `identity-store:auth`); locally, `npm run token` prints one — paste it into **Authorize**." +
          (publicRoutes.length > 0 ? " The operations that declare no security are public: they take no token." : ""),
        "Errors are `{ code, message, details?, user? }`; each operation lists the codes it can answer in its error responses. All codes:",
        "| code | status | meaning |\n|---|---|---|\n" + codes.map((e) => `| ${e.code} | ${e.status} | ${e.message} |`).join("\n"),
      ].join("\n\n"),
    },
    servers: [{ url: "/", description: "This service (the document's own origin)." }],
    tags: tags.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? (Object.hasOwn(tagDescriptions, name) ? tagDescriptions[name] : undefined) ?? `${name}: register this authenticator for a user, authenticate with it, and manage it.` })),
  });
  return app;
}
