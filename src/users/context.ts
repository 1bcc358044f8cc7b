import type { Context } from "hono";
import type { AppEnv } from "../env";
import { requestScope, type RequestScope } from "../http/context";
import { requireStore, type StoreRow } from "../stores/storage";
import { requireUserState, type UserState } from "./storage";

export interface UserScope extends RequestScope {
  store: StoreRow;
  state: UserState;
}

/** The store named in the path (caller's tenant) and the user resolved by id or `/ext` extId. */
export async function userScope(c: Context<AppEnv>): Promise<UserScope> {
  const scope = requestScope(c);
  const store = await requireStore(scope.db, scope.caller.tenant, c.req.param("storeName") ?? "");
  const state = await requireUserState(scope.db, store.id, c.get("userRef"));
  return { ...scope, store, state };
}
