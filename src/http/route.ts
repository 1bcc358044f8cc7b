import { createRoute, z, type OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, UserRef } from "../env";
import { requireScope, type RouteScope } from "./auth";
import { jsonBody as readJsonBody, MAX_JSON_BYTES } from "./body";
import { ApiError, ERRORS, ErrorSchema, type ErrorDef } from "./errors";

/** The codes every operation can answer: it is authenticated, scoped, validated and rate limited. */
const EVERY_OPERATION = [ERRORS.validation, ERRORS.unauthenticated, ERRORS.forbidden, ERRORS.rateLimited, ERRORS.internal];
/** …a public operation (`scope: "public"`): no token, so no 401/403, and no tenant to rate-limit. */
const EVERY_PUBLIC_OPERATION = [ERRORS.validation, ERRORS.internal];
/** …an operation with a path parameter (a store, a user, a policy, a credential): not found. */
const WITH_PARAMETERS = [ERRORS.notFound];
/** …an operation with a JSON body. */
const WITH_BODY = [ERRORS.tooLarge, ERRORS.unsupportedMediaType];

const STATUS_TEXT: Record<number, string> = {
  400: "Refused: the request is invalid, or a rule of the store, the user or the ceremony refused it",
  401: "Missing or invalid bearer token",
  403: "The token lacks the scope",
  404: "Not found in the caller's tenant",
  405: "Method not allowed",
  409: "Conflict",
  413: "Body too large",
  415: "Body is not application/json",
  429: "Too many requests; retry after the `Retry-After` seconds",
  500: "Unexpected server error",
  503: "A dependency is unavailable; retry later",
};

/** Every table of codes joined (the core's and each capability's), by code. */
export type ErrorTable = ReadonlyMap<number, ErrorDef>;

/**
 * The error responses of one operation, from the codes it can answer: one response per status,
 * its description listing each code with its meaning (`x-error-codes` carries the same codes).
 */
export function errorResponses(codes: readonly ErrorDef[]) {
  const byStatus = new Map<number, ErrorDef[]>();
  for (const def of codes) {
    const list = byStatus.get(def.status) ?? [];
    if (!list.includes(def)) list.push(def);
    byStatus.set(def.status, list);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, defs]) => {
        defs.sort((a, b) => a.code - b.code);
        const description = `${STATUS_TEXT[status] ?? "Error"}. The body's \`code\`:\n\n${defs.map((d) => `- \`${d.code}\` ${d.message}`).join("\n")}`;
        return [String(status), { description, "x-error-codes": defs.map((d) => d.code), content: { "application/json": { schema: ErrorSchema } } }];
      }),
  );
}

/** A route ready to mount. `/ext` variants mount first so that `…/{id}` never swallows a literal `ext`. */
export interface RouteEntry {
  readonly ext: boolean;
  /** A public route (no bearer token): its method and path pattern, which the app's authentication skips. */
  readonly public?: { method: string; path: RegExp };
  register(app: OpenAPIHono<AppEnv>, table: ErrorTable): void;
}

export type RouteDefinition = RouteConfig & {
  /** `public`: served without a token (documents UAF clients fetch); declared with `security: []`. */
  scope: RouteScope | "public";
  /** The body's size limit (413 past it); default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * The codes this operation can answer beyond those of every operation (validation, token,
   * scope, rate limit — a public operation: validation only; not found with path parameters;
   * size and media type with a body): each is listed with its meaning in the operation's error
   * responses. A code missing from every table is refused when the app is assembled.
   */
  errors?: readonly number[];
};

/** The binding that turns an answered code the operation does not declare into a 500 (tests set it). */
export const CHECK_DECLARED_ERRORS = "CHECK_DECLARED_ERRORS";

function declaredCodes(definition: RouteDefinition, table: ErrorTable): ErrorDef[] {
  const label = `${definition.method.toUpperCase()} ${definition.path}`;
  const declared = (definition.errors ?? []).map((code) => {
    const def = table.get(code);
    if (!def) throw new Error(`${label} declares error code ${code}, which no table defines`);
    return def;
  });
  const hasParams = /\{[^}]+\}/.test(definition.path);
  return [...(definition.scope === "public" ? EVERY_PUBLIC_OPERATION : EVERY_OPERATION), ...(hasParams ? WITH_PARAMETERS : []), ...(definition.request?.body ? WITH_BODY : []), ...declared];
}

/** With the CHECK_DECLARED_ERRORS binding set: an answered code the operation does not declare fails loudly. */
function checkDeclared(label: string, codes: readonly ErrorDef[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(codes.map((d) => d.code));
  return async (c, next) => {
    await next();
    const error = c.error;
    if (!(error instanceof ApiError) || allowed.has(error.code) || !(c.env as unknown as Record<string, unknown>)[CHECK_DECLARED_ERRORS]) return;
    const message = `${label} answered code ${error.code}, which its route definition does not declare (errors: [...]).`;
    console.error(message);
    c.res = Response.json({ code: ERRORS.internal.code, message }, { status: 500 });
  };
}

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

function finish(definition: RouteDefinition, table: ErrorTable, extra: MiddlewareHandler<AppEnv>[] = []) {
  const { scope, maxBodyBytes = MAX_JSON_BYTES, errors: _errors, ...config } = definition;
  const body = config.request?.body ? [readJsonBody(maxBodyBytes)] : [];
  const codes = declaredCodes(definition, table);
  return createRoute({
    ...config,
    security: scope === "public" ? [] : [{ bearerAuth: [] }],
    middleware: [checkDeclared(config.operationId ?? `${config.method} ${config.path}`, codes), ...(scope === "public" ? [] : [requireScope(scope)]), wellFormedParameters, ...body, ...extra],
    responses: { ...errorResponses(codes), ...config.responses },
  });
}

/** A store-level route (no user in the path). */
export function defineRoute<R extends RouteDefinition>(definition: R, handler: RouteHandler<R, AppEnv>): RouteEntry[] {
  const publicPath = definition.scope === "public" ? { method: definition.method.toUpperCase(), path: new RegExp(`^${definition.path.replace(/\{[^}]+\}/g, "[^/]+")}$`) } : undefined;
  return [{ ext: false, ...(publicPath ? { public: publicPath } : {}), register: (app, table) => app.openapi(finish(definition, table), handler as never) }];
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
  const byExtId: R = {
    ...definition,
    operationId: definition.operationId ? `${definition.operationId}ByExtId` : undefined,
    path: `${definition.path.replace("{userId}", "{extId}")}/ext`,
    request: { ...definition.request, params: params.omit({ userId: true }).extend({ extId: extIdParam }) },
  };
  return [
    { ext: true, register: (app, table) => app.openapi(finish(byExtId, table, [resolveUserRef("extId", "extId")]), handler as never) },
    { ext: false, register: (app, table) => app.openapi(finish(definition, table, [resolveUserRef("id", "userId")]), handler as never) },
  ];
}

export function mountRoutes(app: OpenAPIHono<AppEnv>, entries: RouteEntry[], table: ErrorTable): void {
  for (const entry of entries.filter((e) => e.ext)) entry.register(app, table);
  for (const entry of entries.filter((e) => !e.ext)) entry.register(app, table);
}

/** JSON request body (required) for a route definition. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } } as const;
}

/** JSON response for a route definition. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}
