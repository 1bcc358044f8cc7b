import { z } from "@hono/zod-openapi";
import { ClientContext } from "../audit/schemas";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { User, UserParams } from "../users/schemas";

export const Biometric = z
  .object({ id: z.string(), type: z.literal("face"), subtype: z.string(), status: z.enum(["ACTIVE", "DISABLED"]), algorithm: z.string(), createdDtm: Dtm, lastUpdatedDtm: Dtm })
  .openapi("Biometric");

const Image = z.string().max(12 * 1024 * 1024).openapi({ description: "Base64 (standard) JPEG or PNG." });

export const EnrolBody = z
  .object({
    image: Image.optional(),
    subtype: z.string().max(32).optional().openapi({ description: "FRONTAL (the only one supported)." }),
    policyName: ResourceName.optional(),
    status: z.enum(["ACTIVE", "DISABLED"]).optional().openapi({ description: "Without an image: enable or disable the enrolled face." }),
  })
  .strict()
  .openapi("FaceEnrolment");

export const MatchBody = z
  .object({
    image: Image.optional(),
    matching: z
      .object({ algorithm: z.string().max(64).optional(), threshold: z.number().optional(), internalThreshold: z.number().optional() })
      .strict()
      .optional(),
    policyName: ResourceName.optional(),
    context: ClientContext.optional(),
  })
  .strict()
  .openapi("FaceMatch");

export const TypeParams = UserParams.extend({ type: z.string().min(1).max(32) });

export const Enrolled = z.object({ user: User, biometric: Biometric });
export const Matched = z.object({ user: User, score: z.number(), authenticationId: z.string() }).openapi("FaceMatched");
