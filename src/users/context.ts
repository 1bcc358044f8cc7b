import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { UserTarget } from "./view";

/** The user a user-scoped route names: the caller's tenant, the path's store and the id or `/ext` extId. */
export function userTarget(c: Context<AppEnv>): UserTarget {
  return { tenant: c.get("caller").tenant, storeName: c.req.param("storeName") ?? "", ref: c.get("userRef") };
}
