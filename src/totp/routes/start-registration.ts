import type { BatchItem } from "drizzle-orm/batch";
import { isUniqueViolation } from "../../db/errors";
import { newId } from "../../db/ids";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { renderUser } from "../../users/render";
import type { UserProfile } from "../../users/storage";
import { loadUser, writeAndReadView } from "../../users/view";
import { enrolmentMaterial, newSecret } from "../enrolment";
import { totpPolicy } from "../policy-lookup";
import { renderTotp } from "../render";
import { Registration, StartRegistration, TotpPolicyParams } from "../schemas";
import { sealTotpSecret } from "../secret-box";
import { replacePendingStatements, totpByPolicy } from "../storage";

export const startTotpRegistration = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/totps/registrations/{policyName}",
    operationId: "startTotpRegistration",
    errors: [502, 2201, 9003],
    tags: ["TOTP"],
    summary: "Start a TOTP registration",
    description:
      "Creates a PENDING TOTP with a fresh secret (replacing a PENDING one of the same policy) and returns the secret, the otpauth:// URI and a QR code. An ACTIVE or DISABLED TOTP for the policy → 409/9003 (deregister it first). Unknown policy → 400/2201.",
    scope: "auth",
    request: { params: TotpPolicyParams, body: jsonBody(StartRegistration) },
    responses: { 201: jsonResponse(Registration, "The pending TOTP and what the authenticator app needs.") },
  },
  async (c) => {
    const { db, env, now } = requestScope(c);
    const sources = c.get("summaries");
    const { store, view } = await loadUser(db, sources, userTarget(c), now);
    const { user } = view;
    const { policyName } = c.req.valid("param");
    const policy = totpPolicy(store, policyName);
    const existing = totpByPolicy(view, policyName);
    if (existing && existing.status !== "PENDING") {
      throw new ApiError(ERRORS.conflict, { message: `The user already has a ${existing.status} TOTP for policy '${policyName}'.` });
    }
    const profile = user.profile as UserProfile;
    const username = c.req.valid("json").username ?? profile.email ?? user.extId;
    const secret = newSecret(policy.secretSize);
    const id = newId(now);
    const row = {
      id,
      userId: user.id,
      policyName,
      status: "PENDING",
      issuer: policy.issuer,
      username,
      algorithm: policy.algorithm,
      digits: policy.digits,
      period: policy.period,
      sealedSecret: await sealTotpSecret(env, id, secret),
      lastStep: -1,
      createdAt: now,
      updatedAt: now,
      activatedAt: null,
      expiresAt: now + policy.registrationTimeoutSec * 1000,
      lastAuthenticatedAt: null,
    };
    const writes: BatchItem<"sqlite">[] = [...replacePendingStatements(db, row)];
    const updated = await writeAndReadView(db, sources, writes, user.id, now).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new ApiError(ERRORS.conflict, { message: "A concurrent registration for this policy won." }) : error;
    });
    return c.json(
      { user: renderUser(updated ?? view, sources, now), totp: renderTotp(row), ...enrolmentMaterial(secret, { ...policy, username }) },
      201,
    );
  },
);
