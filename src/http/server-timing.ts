import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { newMeter } from "../db/meter";

/** `Server-Timing: d1;desc="<round trips>";dur=<ms>, total;dur=<ms>` on every response. */
export function serverTiming(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    const meter = newMeter();
    c.set("d1Meter", meter);
    await next();
    const total = performance.now() - start;
    // Responses passed through from a fetch (static assets) have immutable headers: copy them first.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set("Server-Timing", `d1;desc="${meter.roundTrips}";dur=${meter.ms.toFixed(1)}, total;dur=${total.toFixed(1)}`);
  };
}
