import { MAX_IMAGE_JSON_BYTES } from "../../http/body";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse, type RouteEntry } from "../../http/route";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
import { enrolFace } from "../enrol";
import { matchFace } from "../match";
import { renderBiometric } from "../render";
import { Biometric, EnrolBody, Enrolled, Matched, MatchBody, TypeParams } from "../schemas";
import { biometricOfType, deleteBiometricStatement } from "../storage";
import { recordBiometricFailure } from "./client-failure";
import { UserParams } from "../../users/schemas";

/** One read batch (store, user, enrolled biometrics); 404 when nothing of `type` is enrolled. */
async function requireBiometric(c: Context<AppEnv>, type: string) {
  const scope = requestScope(c);
  const { view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
  const row = biometricOfType(view, type);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "Nothing enrolled of this type." });
  return { scope, row };
}

const base = "/api/identity-store/stores/{storeName}/users/{userId}/biometrics";
const SERVICE_NOTE = "The face service being down or slow answers 503/9009 (retry; not counted as a failed attempt).";

const enrol = defineUserRoute(
  {
    method: "post",
    path: `${base}/{type}`,
    operationId: "enrolBiometric",
    errors: [2005, 2006, 20114, 20115, 20120, 9009],
    maxBodyBytes: MAX_IMAGE_JSON_BYTES,
    tags: ["Face"],
    summary: "Enrol or replace the user's face (or change its status)",
    description: `type \`face\` only (else 2005), subtype FRONTAL (else 2006). With \`image\`: a template is made by the face service and stored encrypted, tagged with its model (no image → 20114; not JPEG/PNG → 20115; no usable face → 20120 saying why). Without an image but with \`status\`: enables or disables the enrolled face. ${SERVICE_NOTE}`,
    scope: "admin",
    request: { params: TypeParams, body: jsonBody(EnrolBody) },
    responses: { 200: jsonResponse(Enrolled, "The user and the enrolled biometric.") },
  },
  async (c) => c.json(await enrolFace(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").type, c.req.valid("json")), 200),
);

const get = defineUserRoute(
  {
    method: "get",
    path: `${base}/{type}`,
    operationId: "getBiometric",
    tags: ["Face"],
    summary: "Get the user's enrolled biometric of a type",
    scope: "auth",
    request: { params: TypeParams },
    responses: { 200: jsonResponse(Biometric, "The biometric (never the template).") },
  },
  async (c) => {
    const { row } = await requireBiometric(c, c.req.valid("param").type);
    return c.json(renderBiometric(row), 200);
  },
);

const remove = defineUserRoute(
  {
    method: "delete",
    path: `${base}/{type}`,
    operationId: "deleteBiometric",
    tags: ["Face"],
    summary: "Delete the user's enrolled biometric of a type",
    scope: "admin",
    request: { params: TypeParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const { scope, row } = await requireBiometric(c, c.req.valid("param").type);
    await deleteBiometricStatement(scope.db, row.id);
    return c.body(null, 204);
  },
);

const match = defineUserRoute(
  {
    method: "post",
    path: `${base}/authentications/face`,
    operationId: "matchFace",
    errors: [8, 2100, 2101, 2102, 2103, 20114, 20115, 20120, 20121, 20122, 20123, 20124, 20125, 20126, 20130, 9009],
    maxBodyBytes: MAX_IMAGE_JSON_BYTES,
    tags: ["Face"],
    summary: "Authenticate with a face image",
    description: `\`matching\` is required (20123) with \`algorithm\` (20124; only FACEAPI_128, else 8), \`threshold\` and \`internalThreshold\` in 0..1 (20125/20126). The score is the similarity of the probe to the enrolled template (docs/benchmarks.md); it matches when ≥ max(threshold (default: the policy's), the policy's internalThreshold). Non-match → 400/20130 with the user, counted as a failed face attempt (threshold faceMaxFailedAttempts). Nothing enrolled → 20122; disabled → 2103; enrolled with another model → 20121; bad probe image → 20114/20115/20120; locks → 2100/2101/2102. ${SERVICE_NOTE}`,
    scope: "auth",
    request: { params: UserParams, body: jsonBody(MatchBody) },
    responses: { 200: jsonResponse(Matched, "Matched.") },
  },
  async (c) => c.json(await matchFace(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("json")), 200),
);

export const faceRoutes: RouteEntry[] = [...recordBiometricFailure, ...match, ...enrol, ...get, ...remove];
