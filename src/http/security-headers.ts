import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * On every API response, errors included: nothing is cached (registration responses carry TOTP
 * secrets, SRP starts carry session state), nothing is content-sniffed, no referrer leaves.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "no-referrer");
  };
}
