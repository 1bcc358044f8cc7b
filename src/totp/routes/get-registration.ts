import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { renderUser } from "../../users/render";
import { loadUser } from "../../users/view";
import { enrolmentMaterial } from "../enrolment";
import { renderTotp } from "../render";
import { Registration, TotpPolicyParams } from "../schemas";
import { openTotpSecret } from "../secret-box";
import { totpByPolicy } from "../storage";
import type { TotpAlgorithm } from "../hotp";
import { TOTP_ERRORS } from "../errors";

export const getTotpRegistration = defineUserRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/registrations/{policyName}",
    operationId: "getTotpRegistration",
    errors: [2302],
    tags: ["TOTP"],
    summary: "Get a TOTP registration (to enrol another device)",
    description: "The same body as the start call, for the user's PENDING or ACTIVE TOTP of the policy. None → 404/9002; DISABLED → 400/2302.",
    scope: "auth",
    request: { params: TotpPolicyParams },
    responses: { 200: jsonResponse(Registration, "The TOTP and its enrolment material.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const sources = c.get("summaries");
    const { view } = await loadUser(db, sources, userTarget(c), now);
    const row = totpByPolicy(view, c.req.valid("param").policyName);
    if (!row) throw new ApiError(ERRORS.notFound, { message: "No TOTP registration for this policy." });
    if (row.status === "DISABLED") throw new ApiError(TOTP_ERRORS.totpNotActive);
    const secret = await openTotpSecret(c.env, row);
    const label = { issuer: row.issuer, username: row.username, algorithm: row.algorithm as TotpAlgorithm, digits: row.digits, period: row.period };
    return c.json({ user: renderUser(view, sources, now), totp: renderTotp(row), ...enrolmentMaterial(secret, label) }, 200);
  },
);
