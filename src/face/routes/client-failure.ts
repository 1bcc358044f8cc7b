import { z } from "@hono/zod-openapi";
import { runAttempt } from "../../attempts/run";
import { ClientContext } from "../../audit/schemas";
import { auditContext } from "../../audit/context";
import { requestScope } from "../../http/context";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import type { RenderedUser } from "../../users/render";
import { User, UserParams } from "../../users/schemas";

const ClientFailure = z
  .object({
    type: z.literal("face"),
    reason: z.string().max(256).optional(),
    context: ClientContext.optional(),
  })
  .strict()
  .openapi("BiometricClientFailure");

export const recordBiometricFailure = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/biometrics/authentications/failure",
    operationId: "recordBiometricFailure",
    errors: [2100, 2101, 2102, 2103],
    tags: ["Locking"],
    summary: "Record a biometric failure that happened on the client",
    description:
      "Counts one failed `face` attempt for the user and the face modality (threshold `faceMaxFailedAttempts`) and writes a FAILURE audit record (no error code; `biometricInfo.clientReported: true`). A locked user → 400/2100, a locked face modality (or one whose remaining attempts are all in flight) → 400/2101, a disabled user → 400/2102, each with the user, not counted again and not audited.",
    scope: "auth",
    request: { params: UserParams, body: jsonBody(ClientFailure) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const { reason, context } = c.req.valid("json");
    const scope = requestScope(c);
    const info = { type: "face", clientReported: true, reason: reason ?? null };
    // The attempt runner with a verification that always fails, counted, answered 200 with the user.
    const answer = await runAttempt<{ user: RenderedUser }>(scope, c.get("summaries"), {
      modality: "face",
      counted: true,
      target: userTarget(c),
      auditsRefusal: false,
      audit: () => ({ type: "Face", context: auditContext(scope.meta, context), info: { biometricInfo: info }, displayInfo: { biometricAuditInfo: info } }),
      verify: async () => ({ ok: false, counted: true, respond: (user) => ({ user }) }),
    });
    return c.json(answer, 200);
  },
);
