import { requestScope } from "../../http/context";
import { PageQuery, pageSchema, toPage } from "../../http/page";
import { defineRoute, jsonResponse } from "../../http/route";
import { renderStoreSummary } from "../render";
import { StoreSummary, type StoreModel } from "../schemas";
import { listStores as listStoreRows } from "../storage";

export const listStores = (_model: StoreModel) =>
  defineRoute(
  {
    method: "get",
    path: "/api/identity-store/stores",
    operationId: "listStores",
    tags: ["Stores"],
    summary: "List the tenant's stores",
    scope: "auth",
    request: { query: PageQuery },
    responses: { 200: jsonResponse(pageSchema(StoreSummary, "StorePage"), "A page of stores, by name.") },
  },
  async (c) => {
    const { db, caller } = requestScope(c);
    const { page, size } = c.req.valid("query");
    const { rows, total } = await listStoreRows(db, caller.tenant, page, size);
    return c.json(toPage(rows.map(renderStoreSummary), page, size, total), 200);
  },
);
