import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError, ERRORS } from "./errors";

/** The period of every rate-limit binding (wrangler.toml), and so the `Retry-After` of a 429. */
export const RATE_LIMIT_PERIOD_SEC = 60;

function refuse(what: string): never {
  throw new ApiError(ERRORS.rateLimited, { message: `Too many ${what}; retry later.`, headers: { "Retry-After": String(RATE_LIMIT_PERIOD_SEC) } });
}

/** 429/9008 with Retry-After when `limiter` refuses `key`. */
export async function assertWithinRate(limiter: RateLimit, key: string, what: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) refuse(what);
}

/** Per limiter and key, in this isolate: what the binding has not been told yet, and its last answer. */
interface Tally {
  /** Requests admitted without a call of their own, added to the next call's `delta`. */
  unreported: number;
  /** The binding's last answer; before the first one, requests that arrive during that call are admitted. */
  admitted?: boolean;
  /** The call in flight, and when it was made. */
  call?: { at: number };
}

/** A call older than this is taken as lost (its request was cancelled) and no longer waited for. */
const CALL_STALE_MS = 1000;

/** While the last answer admitted the key, this many requests are admitted before the next call reports them. */
export const UNREPORTED_MAX = 16;

const tallies = new WeakMap<RateLimit, Map<string, Tally>>();

function tallyOf(limiter: RateLimit, key: string): Tally {
  let byKey = tallies.get(limiter);
  if (!byKey) tallies.set(limiter, (byKey = new Map()));
  let tally = byKey.get(key);
  if (!tally) byKey.set(key, (tally = { unreported: 0 }));
  return tally;
}

/**
 * Like one `limit({ key })` per request, with at most one binding call per {@link UNREPORTED_MAX}
 * + 1 admitted requests of a key in this isolate: while the key's last answer admitted it, a
 * request makes no call and is counted in the `delta` of the next call, which comes with the
 * request after the sixteenth such one, or with the first request after a refusal. A request that
 * arrives while a call is in flight takes the last answer. No request waits for another request's
 * I/O. The limit can be passed by the requests left unreported and those that arrive during one
 * call (docs/design.md "Rate limits").
 */
export async function coalescedLimit(limiter: RateLimit, key: string, now = Date.now()): Promise<boolean> {
  const tally = tallyOf(limiter, key);
  if (tally.call && now - tally.call.at < CALL_STALE_MS) {
    const admitted = tally.admitted !== false;
    if (admitted) tally.unreported += 1;
    return admitted;
  }
  if (tally.admitted && tally.unreported < UNREPORTED_MAX) {
    tally.unreported += 1;
    return true;
  }
  const delta = tally.unreported + 1;
  const call = { at: now };
  tally.unreported = 0;
  tally.call = call;
  try {
    const { success } = await limiter.limit({ key, delta });
    tally.admitted = success;
    return success;
  } catch (error) {
    tally.unreported += delta - 1;
    throw error;
  } finally {
    if (tally.call === call) tally.call = undefined;
  }
}

/** Every authenticated request counts against its tenant's rate (calls coalesced per isolate). */
export function tenantRateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get("caller");
    if (caller && !(await coalescedLimit(c.env.TENANT_RATE_LIMITER, caller.tenant))) refuse("requests for this tenant");
    await next();
  };
}
