import { refuse, runAttempt, type AuditBase } from "../attempts/run";
import { auditContext } from "../audit/context";
import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import type { RenderedUser } from "../users/render";
import type { SummarySource, UserTarget } from "../users/view";
import { FACE_ERRORS } from "./errors";
import { decodeImage } from "./image";
import { FACE_MODEL, type FacePolicy } from "./policy";
import { facePolicy } from "./policy-lookup";
import { faceTemplate } from "./service";
import { biometricOfType } from "./storage";
import { similarity } from "./template";
import { openTemplate } from "./template-box";

export interface MatchRequest {
  image?: string;
  matching?: { algorithm?: string; threshold?: number; internalThreshold?: number };
  policyName?: string;
  context?: Record<string, unknown>;
}

export interface MatchResult {
  user: RenderedUser;
  score: number;
  authenticationId: string;
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

/** The face service being unavailable (503) inside the verification: not a refusal of the attempt, so neither audited nor counted. */
class ServiceDown extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

async function template(scope: RequestScope, image: ReturnType<typeof decodeImage>) {
  try {
    return await faceTemplate(scope.env, image.bytes, image.contentType);
  } catch (error) {
    throw error instanceof ApiError && error.status === 503 ? new ServiceDown(error) : error;
  }
}

const blocks = (algorithm: string | null, score: number | null, threshold: number | null): Pick<AuditBase, "info" | "displayInfo"> => ({
  info: { biometricInfo: { type: "face", algorithm, score, threshold } },
  displayInfo: { biometricAuditInfo: { type: "face", algorithm, score, threshold } },
});

/**
 * Matches a probe image against the enrolled face, through the attempt runner (one read batch
 * with the admission and the enrolled face, the face service call, one write batch). The decision
 * threshold is the caller's `matching.threshold` (default: the policy's), never below the policy's
 * `internalThreshold`. Only a non-match (20130) counts as a failed face attempt; every attempt is
 * audited. The face service failing is 503/9009: the admission is released, nothing is counted
 * or audited.
 */
export function matchFace(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, body: MatchRequest): Promise<MatchResult> {
  const matching = checkMatching(body.matching);
  const policyName = body.policyName ?? "default";
  const thresholdOf = (policy: FacePolicy) => Math.max(matching.threshold ?? policy.threshold, policy.internalThreshold);
  return runAttempt<MatchResult>(scope, sources, {
    modality: "face",
    counted: true,
    target,
    audit: ({ store }) => {
      let threshold: number | null = null;
      try {
        threshold = thresholdOf(facePolicy(store, policyName));
      } catch {
        // an unknown policy: its refusal (2201) is audited without a threshold
      }
      return { type: "Face", policyName, context: auditContext(scope.meta, body.context), ...blocks(null, null, threshold) };
    },
    async verify({ store, view }) {
      const policy = facePolicy(store, policyName);
      const threshold = thresholdOf(policy);
      const enrolled = biometricOfType(view, "face");
      if (!enrolled) throw new ApiError(FACE_ERRORS.faceNotEnrolled);
      const refused = (error: ApiError) => refuse(error, false, { audit: blocks(enrolled.algorithm, null, threshold) });
      if (enrolled.status !== "ACTIVE") return refused(new ApiError(FACE_ERRORS.biometricDisabled));

      let image;
      try {
        image = decodeImage(body.image, policy.maxImageBytes);
      } catch (error) {
        if (error instanceof ApiError) return refused(error);
        throw error;
      }
      const probe = await template(scope, image);
      if (!probe.ok) return refused(new ApiError(FACE_ERRORS.faceTemplateFailed, { message: `No face template: ${probe.reason}.` }));
      if (probe.detectionScore < policy.minDetectionScore) return refused(new ApiError(FACE_ERRORS.faceTemplateFailed, { message: "No face template: low_quality." }));
      if (probe.model !== enrolled.algorithm) return refused(new ApiError(FACE_ERRORS.faceMatchError));

      const score = similarity(await openTemplate(scope.env, enrolled), probe.template);
      const audit = blocks(probe.model, score, threshold);
      if (score < threshold) return refuse(new ApiError(FACE_ERRORS.faceNoMatch), true, { audit });
      return { ok: true, audit, respond: (user, authenticationId) => ({ user, score, authenticationId }) };
    },
  }).catch((error: unknown) => {
    throw error instanceof ServiceDown ? error.error : error;
  });
}
