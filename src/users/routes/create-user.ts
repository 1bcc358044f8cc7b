import { requestScope } from "../../http/context";
import { StoreParams } from "../../http/names";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { requireStore } from "../../stores/storage";
import { createUser as insertNewUser } from "../create";
import { renderUser } from "../render";
import { CreateUser, User } from "../schemas";

export const createUser = defineRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users",
    operationId: "createUser",
    errors: [2200, 9003],
    tags: ["Users"],
    summary: "Create a user",
    scope: "admin",
    request: { params: StoreParams, body: jsonBody(CreateUser) },
    responses: { 201: jsonResponse(User, "The created user.") },
  },
  async (c) => {
    const { db, caller, now } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    const { summaryInfo: _ignored, ...fields } = c.req.valid("json");
    const user = await insertNewUser(db, store, fields, now);
    return c.json(renderUser({ user, modalities: [], inFlight: [], credentials: {} }, c.get("summaries"), now), 201);
  },
);
