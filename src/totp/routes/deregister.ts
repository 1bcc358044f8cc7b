import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { totps } from "../../db/schema";
import { ApiError } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userScope } from "../../users/context";
import { renderUser } from "../../users/render";
import { User } from "../../users/schemas";
import { TotpPolicyParams } from "../schemas";
import { findTotpByPolicy } from "../storage";
import { TOTP_ERRORS } from "../errors";

export const deregisterTotp = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/deregistrations/{policyName}",
    operationId: "deregisterTotp",
    tags: ["TOTP"],
    summary: "Deregister the user's TOTP of a policy",
    description: "Deletes the TOTP (whatever its status). None → 400/2301.",
    scope: "admin",
    request: { params: TotpPolicyParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const { db, state, now } = await userScope(c);
    const row = await findTotpByPolicy(db, state.user.id, c.req.valid("param").policyName);
    if (!row) throw new ApiError(TOTP_ERRORS.totpNotRegistered);
    await db.delete(totps).where(eq(totps.id, row.id));
    return c.json({ user: await renderUser(db, state, now) }, 200);
  },
);
