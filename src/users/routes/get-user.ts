import { defineUserRoute, jsonResponse } from "../../http/route";
import { userScope } from "../context";
import { renderUser } from "../render";
import { User, UserParams } from "../schemas";

export const getUser = defineUserRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users/{userId}",
    operationId: "getUser",
    tags: ["Users"],
    summary: "Get a user",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(User, "The user, with lock state and summaryInfo.") },
  },
  async (c) => {
    const { db, state, now } = await userScope(c);
    return c.json(await renderUser(db, state, now), 200);
  },
);
