import { z } from "@hono/zod-openapi";
import { ApiError } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { renderUser } from "../../users/render";
import { User } from "../../users/schemas";
import { loadUser, writeAndReadView } from "../../users/view";
import { TotpPolicyParams } from "../schemas";
import { deleteTotpStatement, totpByPolicy } from "../storage";
import { TOTP_ERRORS } from "../errors";

export const deregisterTotp = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/deregistrations/{policyName}",
    operationId: "deregisterTotp",
    errors: [2301],
    tags: ["TOTP"],
    summary: "Deregister the user's TOTP of a policy",
    description: "Deletes the TOTP (whatever its status). None → 400/2301.",
    scope: "admin",
    request: { params: TotpPolicyParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const sources = c.get("summaries");
    const { view } = await loadUser(db, sources, userTarget(c), now);
    const row = totpByPolicy(view, c.req.valid("param").policyName);
    if (!row) throw new ApiError(TOTP_ERRORS.totpNotRegistered);
    const updated = await writeAndReadView(db, sources, [deleteTotpStatement(db, row.id)], view.user.id, now);
    return c.json({ user: renderUser(updated ?? view, sources, now) }, 200);
  },
);
