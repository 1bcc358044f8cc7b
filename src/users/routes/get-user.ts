import { defineUserRoute, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../context";
import { renderUser } from "../render";
import { User, UserParams } from "../schemas";
import { loadUser } from "../view";

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
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    return c.json(renderUser(view, c.get("summaries"), now), 200);
  },
);
