import { z } from "@hono/zod-openapi";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { userScope } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { renderTotp } from "../render";
import { Totp } from "../schemas";
import { listTotps } from "../storage";

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
    const { db, state } = await userScope(c);
    return c.json((await listTotps(db, state.user.id)).map(renderTotp), 200);
  },
);
