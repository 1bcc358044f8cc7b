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
    const value = `d1;desc="${meter.roundTrips}";dur=${meter.ms.toFixed(1)}, total;dur=${(performance.now() - start).toFixed(1)}`;
    try {
      c.res.headers.set("Server-Timing", value);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      // A response passed through from a fetch (static assets) has immutable headers: set them on a copy.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set("Server-Timing", value);
    }
  };
}
