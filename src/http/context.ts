import type { Context } from "hono";
import { storeDatabase, type Db } from "../db/client";
import type { AppEnv, Bindings, Caller } from "../env";

/** Where a request came from, as the audit trail records it. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The origin the request was addressed to (the server's own URLs, e.g. the UAF facets document). */
  origin: string;
}

/** The explicit inputs of every domain function: database, bindings (keys, sessions), caller, clock, request metadata. */
export interface RequestScope {
  db: Db;
  env: Bindings;
  caller: Caller;
  now: number;
  meta: RequestMeta;
}

export function requestScope(c: Context<AppEnv>): RequestScope {
  const caller = c.get("caller");
  return {
    db: storeDatabase(c.env, caller.tenant, c.get("d1Meter")),
    env: c.env,
    caller,
    now: Date.now(),
    meta: { ip: c.req.header("cf-connecting-ip") ?? null, userAgent: c.req.header("user-agent") ?? null, origin: new URL(c.req.url).origin },
  };
}
