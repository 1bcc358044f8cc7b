import type { Context } from "hono";
import { auditContext, auditInsert } from "../audit/writer";
import { newId } from "../db/ids";
import { biometrics } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import type { UserScope } from "../users/context";
import { renderUser } from "../users/render";
import { and, eq } from "drizzle-orm";
import { decodeImage } from "./image";
import { facePolicy } from "./policy-lookup";
import { renderBiometric } from "./render";
import { faceTemplate } from "./service";
import { findBiometric } from "./storage";
import { sealTemplate } from "./template-box";
import { FACE_ERRORS } from "./errors";

export interface Enrolment {
  image?: string;
  subtype?: string;
  policyName?: string;
  status?: "ACTIVE" | "DISABLED";
}

/** Enrols (or replaces) the user's face; without an image, changes the enrolled face's status. */
export async function enrolFace(c: Context<AppEnv>, scope: UserScope, type: string, body: Enrolment) {
  const { db, store, state, now } = scope;
  if (type !== "face") throw new ApiError(FACE_ERRORS.biometricTypeNotSupported);
  if (body.subtype !== undefined && body.subtype !== "FRONTAL") throw new ApiError(FACE_ERRORS.biometricSubtypeNotSupported);
  if (body.image === undefined && body.status !== undefined) {
    const existing = await findBiometric(db, state.user.id, type);
    if (!existing) throw new ApiError(FACE_ERRORS.faceNotEnrolled);
    await db.update(biometrics).set({ status: body.status, updatedAt: now }).where(eq(biometrics.id, existing.id));
    return { user: await renderUser(db, state, now), biometric: renderBiometric({ ...existing, status: body.status, updatedAt: now }) };
  }
  const policyName = body.policyName ?? "default";
  const policy = facePolicy(store, policyName);
  const image = decodeImage(body.image, policy.maxImageBytes);
  const outcome = await faceTemplate(c.env, image.bytes, image.contentType);
  if (!outcome.ok) throw new ApiError(FACE_ERRORS.faceTemplateFailed, { message: `No face template: ${outcome.reason}.` });
  if (outcome.detectionScore < policy.minDetectionScore) throw new ApiError(FACE_ERRORS.faceTemplateFailed, { message: "No face template: low_quality." });

  const id = newId(now);
  const row = {
    id,
    userId: state.user.id,
    type,
    subtype: body.subtype ?? "FRONTAL",
    status: body.status ?? "ACTIVE",
    algorithm: outcome.model,
    policyName,
    sealedTemplate: await sealTemplate(c.env, id, outcome.template),
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
      userId: state.user.id,
      policyName,
      credentialId: id,
      context: auditContext(c),
      info: { biometricInfo: { type, algorithm: outcome.model, score: null, threshold: null } },
      displayInfo: { biometricAuditInfo: { type, algorithm: outcome.model } },
    },
    now,
  );
  await db.batch([db.delete(biometrics).where(and(eq(biometrics.userId, state.user.id), eq(biometrics.type, type))), db.insert(biometrics).values(row), audit.statement]);
  return { user: await renderUser(db, state, now), biometric: renderBiometric(row) };
}
