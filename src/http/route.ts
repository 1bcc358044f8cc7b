import { createRoute, z, type OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, UserRef } from "../env";
import { requireScope, type RouteScope } from "./auth";
import { jsonBody as readJsonBody, MAX_JSON_BYTES } from "./body";
import { ApiError, ERRORS, ErrorSchema } from "./errors";

const errorStatuses = {
  400: "Validation failed (9001) or a domain rule refused the request (code in body).",
  401: "Missing or invalid bearer token (9004).",
  403: "The token lacks the scope (9005).",
  404: "Store, user, policy or credential not found in the caller's tenant (9002).",
  409: "Conflict (9003) or concurrent modification (9010).",
  413: "Body too large (9006).",
  415: "Body is not application/json (9007).",
} as const;

const errorResponses = Object.fromEntries(
  Object.entries(errorStatuses).map(([status, description]) => [
    status,
    { description, content: { "application/json": { schema: ErrorSchema } } },
  ]),
);

/** A route ready to mount. `/ext` variants mount first so that `…/{id}` never swallows a literal `ext`. */
export interface RouteEntry {
  readonly ext: boolean;
  /** A public route (no bearer token): its method and path pattern, which the app's authentication skips. */
  readonly public?: { method: string; path: RegExp };
  register(app: OpenAPIHono<AppEnv>): void;
}

export type RouteDefinition = RouteConfig & {
  /** `public`: served without a token (documents UAF clients fetch); declared with `security: []`. */
  scope: RouteScope | "public";
  /** The body's size limit (413 past it); default 1 MiB. */
  maxBodyBytes?: number;
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Path and query values: well-formed Unicode without control characters (400/9001), checked once for every route. */
const wellFormedParameters: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    throw new ApiError(ERRORS.validation, { message: "The path is not percent-encoded UTF-8." });
  }
  const values = [...Object.entries(c.req.param() as Record<string, string>), ...Object.entries(c.req.queries()).flatMap(([k, vs]) => vs.map((v) => [k, v] as const))];
  const bad = values.find(([, value]) => !value.isWellFormed() || CONTROL.test(value));
  if (bad) throw new ApiError(ERRORS.validation, { details: [{ path: bad[0], message: "must be well-formed Unicode without control characters" }] });
  await next();
};

function finish(definition: RouteDefinition, extra: MiddlewareHandler<AppEnv>[] = []) {
  const { scope, maxBodyBytes = MAX_JSON_BYTES, ...config } = definition;
  const body = config.request?.body ? [readJsonBody(maxBodyBytes)] : [];
  return createRoute({
    ...config,
    security: scope === "public" ? [] : [{ bearerAuth: [] }],
    middleware: [...(scope === "public" ? [] : [requireScope(scope)]), wellFormedParameters, ...body, ...extra],
    responses: { ...errorResponses, ...config.responses },
  });
}

/** A store-level route (no user in the path). */
export function defineRoute<R extends RouteDefinition>(definition: R, handler: RouteHandler<R, AppEnv>): RouteEntry[] {
  const route = finish(definition);
  const publicPath = definition.scope === "public" ? { method: definition.method.toUpperCase(), path: new RegExp(`^${definition.path.replace(/\{[^}]+\}/g, "[^/]+")}$`) } : undefined;
  return [{ ext: false, ...(publicPath ? { public: publicPath } : {}), register: (app) => app.openapi(route, handler as never) }];
}

export const userIdParam = z.string().min(1).max(128).openapi({ description: "The user's internal id." });
export const extIdParam = z.string().min(1).max(256).openapi({ description: "The user's external id (`extId`)." });

function resolveUserRef(by: UserRef["by"], param: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("userRef", { by, value: c.req.param(param) ?? "" });
    await next();
  };
}

/**
 * A user-scoped route, registered twice from one definition: by internal id at `path`
 * (which contains `{userId}`), and by external id at `path` with `{extId}` and `/ext` appended.
 * The handler reads the user through `c.get("userRef")`.
 */
export function defineUserRoute<R extends RouteDefinition & { request: { params: z.ZodObject<{ userId: z.ZodType }> } }>(
  definition: R,
  handler: RouteHandler<R, AppEnv>,
): RouteEntry[] {
  const params = definition.request.params;
  const byId = finish(definition, [resolveUserRef("id", "userId")]);
  const byExtId = finish(
    {
      ...definition,
      operationId: definition.operationId ? `${definition.operationId}ByExtId` : undefined,
      path: `${definition.path.replace("{userId}", "{extId}")}/ext`,
      request: { ...definition.request, params: params.omit({ userId: true }).extend({ extId: extIdParam }) },
    },
    [resolveUserRef("extId", "extId")],
  );
  return [
    { ext: true, register: (app) => app.openapi(byExtId, handler as never) },
    { ext: false, register: (app) => app.openapi(byId, handler as never) },
  ];
}

export function mountRoutes(app: OpenAPIHono<AppEnv>, entries: RouteEntry[]): void {
  for (const entry of entries.filter((e) => e.ext)) entry.register(app);
  for (const entry of entries.filter((e) => !e.ext)) entry.register(app);
}

/** JSON request body (required) for a route definition. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } } as const;
}

/** JSON response for a route definition. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}
