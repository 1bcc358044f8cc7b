import { requestScope } from "../../http/context";
import { StoreParams } from "../../http/names";
import { defineRoute, jsonResponse } from "../../http/route";
import { renderStore } from "../render";
import type { StoreModel } from "../schemas";
import { requireStore } from "../storage";

export const getStore = (model: StoreModel) =>
  defineRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}",
    operationId: "getStore",
    tags: ["Stores"],
    summary: "Get a store",
    scope: "auth",
    request: { params: StoreParams },
    responses: { 200: jsonResponse(model.Store, "The store.") },
  },
  async (c) => {
    const { db, caller } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    return c.json(renderStore(model, store), 200);
  },
);
