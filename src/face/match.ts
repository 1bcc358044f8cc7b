import type { Context } from "hono";
import { auditContext, auditInsert, type AuditEntry } from "../audit/writer";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { assertCanAuthenticate, recordFailure, recordSuccess } from "../locking/engine";
import type { UserScope } from "../users/context";
import { renderUser } from "../users/render";
import { decodeImage } from "./image";
import { FACE_MODEL } from "./policy";
import { facePolicy } from "./policy-lookup";
import { faceTemplate } from "./service";
import { findBiometric } from "./storage";
import { similarity } from "./template";
import { openTemplate } from "./template-box";
import { FACE_ERRORS } from "./errors";

export interface MatchRequest {
  image?: string;
  matching?: { algorithm?: string; threshold?: number; internalThreshold?: number };
  policyName?: string;
  context?: Record<string, unknown>;
}

const inUnitRange = (x: number | undefined) => x === undefined || (x >= 0 && x <= 1);

/** The seed's checks of `matching` (20123/20124/8/20125/20126), before anything else happens. */
function checkMatching(matching: MatchRequest["matching"]) {
  if (!matching) throw new ApiError(FACE_ERRORS.faceMatchingMissing);
  if (!matching.algorithm) throw new ApiError(FACE_ERRORS.faceAlgorithmMissing);
  if (matching.algorithm !== FACE_MODEL) throw new ApiError(FACE_ERRORS.algorithmNotSupported);
  if (!inUnitRange(matching.threshold)) throw new ApiError(FACE_ERRORS.faceThresholdInvalid);
  if (!inUnitRange(matching.internalThreshold)) throw new ApiError(FACE_ERRORS.faceInternalThresholdInvalid);
  return matching;
}

/**
 * Matches a probe image against the enrolled face. The decision threshold is the caller's
 * `matching.threshold` (default: the policy's), never below the policy's `internalThreshold`.
 * Only a non-match (20130) counts as a failed face attempt; every attempt is audited.
 */
export async function matchFace(c: Context<AppEnv>, scope: UserScope, body: MatchRequest) {
  const { db, store, state, now } = scope;
  const matching = checkMatching(body.matching);
  const policyName = body.policyName ?? "default";
  const policy = facePolicy(store, policyName);
  const threshold = Math.max(matching.threshold ?? policy.threshold, policy.internalThreshold);
  const audit = (result: AuditEntry["result"], errorCode: number | null, score: number | null, algorithm: string | null): AuditEntry => ({
    type: "Face",
    result,
    errorCode,
    storeId: store.id,
    userId: state.user.id,
    policyName,
    context: auditContext(c, body.context),
    info: { biometricInfo: { type: "face", algorithm, score, threshold } },
    displayInfo: { biometricAuditInfo: { type: "face", algorithm, score, threshold } },
  });
  const refuse = async (error: ApiError, algorithm: string | null = null): Promise<never> => {
    await auditInsert(db, audit("FAILURE", error.code, null, algorithm), now).statement;
    throw error.withUser(await renderUser(db, state, now));
  };

  await assertCanAuthenticate(scope, "face", audit("FAILURE", null, null, null));
  const enrolled = await findBiometric(db, state.user.id, "face");
  if (!enrolled) return refuse(new ApiError(FACE_ERRORS.faceNotEnrolled));
  if (enrolled.status !== "ACTIVE") return refuse(new ApiError(FACE_ERRORS.biometricDisabled), enrolled.algorithm);

  let image;
  try {
    image = decodeImage(body.image, policy.maxImageBytes);
  } catch (error) {
    if (error instanceof ApiError) return refuse(error, enrolled.algorithm);
    throw error;
  }
  const probe = await faceTemplate(c.env, image.bytes, image.contentType);
  if (!probe.ok) return refuse(new ApiError(FACE_ERRORS.faceTemplateFailed, { message: `No face template: ${probe.reason}.` }), enrolled.algorithm);
  if (probe.detectionScore < policy.minDetectionScore) return refuse(new ApiError(FACE_ERRORS.faceTemplateFailed, { message: "No face template: low_quality." }), enrolled.algorithm);
  if (probe.model !== enrolled.algorithm) return refuse(new ApiError(FACE_ERRORS.faceMatchError), enrolled.algorithm);

  const score = similarity(await openTemplate(c.env, enrolled), probe.template);
  if (score < threshold) {
    const failure = auditInsert(db, audit("FAILURE", new ApiError(FACE_ERRORS.faceNoMatch).code, score, probe.model), now).statement;
    throw new ApiError(FACE_ERRORS.faceNoMatch, { user: await recordFailure(scope, "face", [failure]) });
  }
  const success = auditInsert(db, audit("SUCCESS", null, score, probe.model), now);
  const user = await recordSuccess(scope, "face", [success.statement]);
  return { user, score, authenticationId: success.id };
}
