import { z } from "@hono/zod-openapi";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { loadUser } from "../../users/view";
import { renderTotp } from "../render";
import { Totp } from "../schemas";
import { totpsOf } from "../storage";

export const listUserTotps = defineUserRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps",
    operationId: "listTotps",
    tags: ["TOTP"],
    summary: "List the user's TOTPs",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(z.array(Totp), "The user's TOTPs (never their secrets).") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    return c.json(totpsOf(view).map(renderTotp), 200);
  },
);
