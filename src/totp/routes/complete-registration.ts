import { z } from "@hono/zod-openapi";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { User } from "../../users/schemas";
import { attemptTotp } from "../attempt";
import { CodeBody, Totp, TotpPolicyParams } from "../schemas";

export const completeTotpRegistration = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/registrations/{policyName}/complete",
    operationId: "completeTotpRegistration",
    errors: [2201, 2301, 2302, 2303, 2304, 2305, 2306],
    tags: ["TOTP"],
    summary: "Complete a TOTP registration with a first code",
    description:
      "Activates the PENDING TOTP (sets activatedDtm). The accepted code is consumed: it cannot authenticate afterwards. Wrong code → 400/2304, malformed → 2306, replayed → 2305 (each counted as a failed TOTP attempt, with the user); past expirationDtm → 2303; not PENDING → 2302; none → 2301. Writes a TOTP audit record.",
    scope: "auth",
    request: { params: TotpPolicyParams, body: jsonBody(CodeBody) },
    responses: { 200: jsonResponse(z.object({ user: User, totp: Totp }), "The user and the now ACTIVE TOTP.") },
  },
  async (c) => {
    const { code, context } = c.req.valid("json");
    const run = () => attemptTotp(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").policyName, code, context, "complete");
    const { user, totp } = await run();
    return c.json({ user, totp }, 200);
  },
);
