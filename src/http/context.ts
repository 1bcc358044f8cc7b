import type { Context } from "hono";
import { database, type Db } from "../db/client";
import type { AppEnv, Caller } from "../env";

export interface RequestScope {
  db: Db;
  caller: Caller;
  now: number;
}

/** What every handler needs: the database, the authenticated caller and one clock reading. */
export function requestScope(c: Context<AppEnv>): RequestScope {
  return { db: database(c.env.DB), caller: c.get("caller"), now: Date.now() };
}
