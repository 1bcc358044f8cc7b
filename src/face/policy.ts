import { z } from "@hono/zod-openapi";

export const FACE_MODEL = "FACEAPI_128";

export const FacePolicy = z
  .object({
    algorithm: z.literal(FACE_MODEL).default(FACE_MODEL),
    threshold: z.number().min(0).max(1).default(0.5).openapi({ description: "Lowest score that matches (see docs/benchmarks.md for the calibration)." }),
    internalThreshold: z.number().min(0).max(1).default(0.5).openapi({ description: "Floor under any threshold a caller sends in `matching`." }),
    minDetectionScore: z.number().min(0).max(1).default(0.5).openapi({ description: "Faces detected with less confidence are refused as low quality." }),
    maxImageBytes: z.number().int().min(1024).max(8 * 1024 * 1024).default(5 * 1024 * 1024),
  })
  .strict()
  .openapi("FacePolicy");

export type FacePolicy = z.output<typeof FacePolicy>;
