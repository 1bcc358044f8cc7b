import { requestScope } from "../../http/context";
import { StoreParams } from "../../http/names";
import { PageQuery, pageSchema, toPage } from "../../http/page";
import { defineRoute, jsonResponse } from "../../http/route";
import { requireStore } from "../../stores/storage";
import { renderUserListItem } from "../render";
import { UserListItem, UserListQuery } from "../schemas";
import { listUsers as listUserRows } from "../storage";

export const listUsers = defineRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users",
    operationId: "listUsers",
    tags: ["Users"],
    summary: "List users",
    description: "Newest first. Filters: `extId` (exact), `status` (as currently in force: an expired TEMP_LOCKED counts as ACTIVE).",
    scope: "auth",
    request: { params: StoreParams, query: PageQuery.extend(UserListQuery.shape) },
    responses: { 200: jsonResponse(pageSchema(UserListItem, "UserPage"), "A page of users.") },
  },
  async (c) => {
    const { db, caller, now } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    const { page, size, extId, status } = c.req.valid("query");
    const { rows, total } = await listUserRows(db, store.id, { extId, status }, { page, size }, now);
    return c.json(toPage(rows.map((row) => renderUserListItem(row, now)), page, size, total), 200);
  },
);
