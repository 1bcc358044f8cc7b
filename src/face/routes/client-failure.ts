import { z } from "@hono/zod-openapi";
import { auditContext, auditInsert } from "../../audit/writer";
import { ClientContext } from "../../audit/schemas";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userScope } from "../../users/context";
import { User, UserParams } from "../../users/schemas";
import { assertCanAuthenticate, recordFailure } from "../engine";

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
    tags: ["Locking"],
    summary: "Record a biometric failure that happened on the client",
    description:
      "Counts one failed `face` attempt for the user and the face modality (threshold `faceMaxFailedAttempts`) and writes a FAILURE audit record. A locked user → 400/2100, a locked face modality → 400/2101, a disabled user → 400/2102, each with the user and not counted again.",
    scope: "auth",
    request: { params: UserParams, body: jsonBody(ClientFailure) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const scope = await userScope(c);
    const { reason, context } = c.req.valid("json");
    await assertCanAuthenticate(scope, "face");
    const audit = auditInsert(
      scope.db,
      {
        type: "Face",
        result: "FAILURE",
        storeId: scope.store.id,
        userId: scope.state.user.id,
        context: auditContext(c, context),
        info: { biometricInfo: { type: "face", clientReported: true, reason: reason ?? null } },
        displayInfo: { biometricAuditInfo: { type: "face", clientReported: true, reason: reason ?? null } },
      },
      scope.now,
    );
    const user = await recordFailure(scope, "face", [audit.statement]);
    return c.json({ user }, 200);
  },
);
