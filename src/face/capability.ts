import { z } from "@hono/zod-openapi";
import type { Capability } from "../capability";
import { ResourceName } from "../http/names";
import { FACE_ERRORS } from "./errors";
import { FacePolicy } from "./policy";
import { faceRoutes } from "./routes";
import { biometricSummary } from "./summary";

/** Face biometrics: enrolment, matching through the face service, client-reported failures; `facePolicies`. */
export const face: Capability = {
  name: "face",
  routes: faceRoutes,
  policyKinds: [],
  configuration: {
    facePolicies: z.record(ResourceName, FacePolicy).prefault({ default: {} }).openapi({ description: "A store always has a `default` face policy." }),
  },
  summary: biometricSummary,
  modality: "face",
  auditType: "Face",
  errors: FACE_ERRORS,
  tag: { name: "Face", description: "Face biometrics: enrol a face image, read or delete it, and authenticate with another image (matched by the face service)." },
};
