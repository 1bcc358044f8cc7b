import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { authenticate } from "./auth";
import { jsonBodyPolicy } from "./body";
import { ApiError, zodIssuesToDetails } from "./errors";
import { mountRoutes, type RouteEntry } from "./route";

export const API_BASE = "/api/identity-store";
export const OPENAPI_PATH = `${API_BASE}/openapi.json`;

export function renderError(error: ApiError): Response {
  return Response.json(error.toJSON(), { status: error.status, headers: error.headers });
}

export function createApp(routes: RouteEntry[], version: string): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError("validation", { details: zodIssuesToDetails(result.error.issues) });
    },
  });

  app.onError((error) => {
    if (error instanceof ApiError) return renderError(error);
    if (error instanceof HTTPException && error.status < 500) {
      return renderError(new ApiError("validation", { message: error.message || "Malformed request." }));
    }
    console.error("unexpected error", error instanceof Error ? error.stack : String(error));
    return renderError(new ApiError("internal"));
  });
  app.notFound(() => renderError(new ApiError("notFound", { message: "No such endpoint." })));

  app.use(`${API_BASE}/*`, async (c, next) => (c.req.path === OPENAPI_PATH ? next() : authenticate()(c, next)));
  app.use(`${API_BASE}/*`, jsonBodyPolicy());

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
        "Users and their authenticators (TOTP, SRP passcodes, passkeys, FIDO UAF app keys, face), with locking and an authentication audit trail. Every user-scoped path also exists with the user's external id: `…/users/{extId}/…/ext`.",
    },
  });
  return app;
}
