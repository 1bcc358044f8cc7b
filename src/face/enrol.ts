import type { BatchItem } from "drizzle-orm/batch";
import { auditContext } from "../audit/context";
import { auditInsert } from "../audit/storage";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import { renderUser } from "../users/render";
import { loadUser, writeAndReadView, type SummarySource, type UserTarget, type UserView } from "../users/view";
import { FACE_ERRORS } from "./errors";
import { decodeImage } from "./image";
import { facePolicy } from "./policy-lookup";
import { renderBiometric } from "./render";
import { faceTemplate } from "./service";
import { biometricOfType, replaceBiometricStatements, setBiometricStatusStatement } from "./storage";
import { sealTemplate } from "./template-box";

export interface Enrolment {
  image?: string;
  subtype?: string;
  policyName?: string;
  status?: "ACTIVE" | "DISABLED";
}

/** Writes `writes` and reads the user back in the same batch (one round trip). */
async function writeAndRender(scope: RequestScope, sources: readonly SummarySource[], view: UserView, writes: BatchItem<"sqlite">[]) {
  const { db, now } = scope;
  return renderUser((await writeAndReadView(db, sources, writes, view.user.id, now)) ?? view, sources, now);
}

/**
 * Enrols (or replaces) the user's face; without an image, changes the enrolled face's status.
 * One read batch (store, user, enrolled biometrics), the face service, one write batch.
 */
export async function enrolFace(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, type: string, body: Enrolment) {
  const { db, env, now } = scope;
  const { store, view } = await loadUser(db, sources, target, now);
  const { user } = view;
  if (type !== "face") throw new ApiError(FACE_ERRORS.biometricTypeNotSupported);
  if (body.subtype !== undefined && body.subtype !== "FRONTAL") throw new ApiError(FACE_ERRORS.biometricSubtypeNotSupported);
  if (body.image === undefined && body.status !== undefined) {
    const existing = biometricOfType(view, type);
    if (!existing) throw new ApiError(FACE_ERRORS.faceNotEnrolled);
    const rendered = await writeAndRender(scope, sources, view, [setBiometricStatusStatement(db, existing.id, body.status, now)]);
    return { user: rendered, biometric: renderBiometric({ ...existing, status: body.status, updatedAt: now }) };
  }
  const policyName = body.policyName ?? "default";
  const policy = facePolicy(store, policyName);
  const image = decodeImage(body.image, policy.maxImageBytes);
  const outcome = await faceTemplate(env, image.bytes, image.contentType);
  if (!outcome.ok) throw new ApiError(FACE_ERRORS.faceTemplateFailed, { message: `No face template: ${outcome.reason}.` });
  if (outcome.detectionScore < policy.minDetectionScore) throw new ApiError(FACE_ERRORS.faceTemplateFailed, { message: "No face template: low_quality." });

  const id = newId(now);
  const row = {
    id,
    userId: user.id,
    type,
    subtype: body.subtype ?? "FRONTAL",
    status: body.status ?? "ACTIVE",
    algorithm: outcome.model,
    policyName,
    sealedTemplate: await sealTemplate(env, id, outcome.template),
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditInsert(
    db,
    {
      type: "Face",
      event: "REGISTRATION",
      result: "SUCCESS",
      storeId: store.id,
      userId: user.id,
      policyName,
      credentialId: id,
      context: auditContext(scope.meta),
      info: { biometricInfo: { type, algorithm: outcome.model, score: null, threshold: null } },
      displayInfo: { biometricAuditInfo: { type, algorithm: outcome.model } },
    },
    now,
  );
  const rendered = await writeAndRender(scope, sources, view, [
    ...replaceBiometricStatements(db, row),
    audit.statement,
  ]);
  return { user: rendered, biometric: renderBiometric(row) };
}
