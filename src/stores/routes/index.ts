import type { RouteEntry } from "../../http/route";
import type { StoreModel } from "../schemas";
import { createStore } from "./create-store";
import { deleteStore } from "./delete-store";
import { getStore } from "./get-store";
import { listStores } from "./list-stores";
import { policyRoutes } from "./policy-routes";
import { updateStore } from "./update-store";

/** The store endpoints, and the generic policy endpoints of every capability's policy kinds. */
export function storeRoutes(model: StoreModel): RouteEntry[] {
  return [
    ...createStore(model),
    ...listStores(model),
    ...getStore(model),
    ...updateStore(model),
    ...deleteStore(model),
    ...model.kinds.flatMap((kind) => policyRoutes(model, kind)),
  ];
}
