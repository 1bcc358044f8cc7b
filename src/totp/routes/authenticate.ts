import { z } from "@hono/zod-openapi";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { User } from "../../users/schemas";
import { attemptTotp } from "../attempt";
import { CodeBody, Totp, TotpPolicyParams } from "../schemas";

export const authenticateTotp = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/authentications/{policyName}",
    operationId: "authenticateTotp",
    errors: [502, 2100, 2101, 2102, 2201, 2301, 2302, 2304, 2305, 2306],
    tags: ["TOTP"],
    summary: "Authenticate with a TOTP code",
    description:
      "Server time only; codes within `window` steps of now are accepted, each time step once. Failures (400, with the user): 2304 wrong, 2305 already used (replay of an accepted step or older), 2306 malformed — these count as failed TOTP attempts; 2301 none registered, 2302 not ACTIVE; 2100 user locked, 2101 TOTP locked, 2102 user disabled. Every attempt writes a TOTP audit record.",
    scope: "auth",
    request: { params: TotpPolicyParams, body: jsonBody(CodeBody) },
    responses: {
      200: jsonResponse(z.object({ user: User, totp: Totp, authenticationId: z.string() }), "Authenticated; `authenticationId` names the audit record."),
    },
  },
  async (c) => {
    const { code, context } = c.req.valid("json");
    const run = () => attemptTotp(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").policyName, code, context, "authenticate");
    return c.json(await run(), 200);
  },
);
