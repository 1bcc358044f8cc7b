import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError, ERRORS } from "./errors";

/** The period of every rate-limit binding (wrangler.toml), and so the `Retry-After` of a 429. */
export const RATE_LIMIT_PERIOD_SEC = 60;

/** 429/9008 with Retry-After when `limiter` refuses `key`. */
export async function assertWithinRate(limiter: RateLimit, key: string, what: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(ERRORS.rateLimited, { message: `Too many ${what}; retry later.`, headers: { "Retry-After": String(RATE_LIMIT_PERIOD_SEC) } });
  }
}

/** Every authenticated request counts against its tenant's rate. */
export function tenantRateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get("caller");
    if (caller) await assertWithinRate(c.env.TENANT_RATE_LIMITER, caller.tenant, "requests for this tenant");
    await next();
  };
}
