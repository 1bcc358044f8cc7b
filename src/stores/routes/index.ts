import type { RouteEntry } from "../../http/route";
import { POLICY_KINDS } from "../policy-kinds";
import { createStore } from "./create-store";
import { deleteStore } from "./delete-store";
import { getStore } from "./get-store";
import { listStores } from "./list-stores";
import { policyRoutes } from "./policy-routes";
import { updateStore } from "./update-store";

export const storeRoutes: RouteEntry[] = [
  ...createStore,
  ...listStores,
  ...getStore,
  ...updateStore,
  ...deleteStore,
  ...POLICY_KINDS.flatMap(policyRoutes),
];
