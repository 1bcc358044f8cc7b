import { z } from "@hono/zod-openapi";

export const TotpPolicy = z
  .object({
    issuer: z.string().min(1).max(64).optional().openapi({ description: "Shown in the authenticator app; defaults to the store name." }),
    algorithm: z.enum(["SHA1", "SHA256", "SHA512"]).default("SHA1"),
    digits: z.union([z.literal(6), z.literal(8)]).default(6),
    period: z.number().int().min(15).max(120).default(30),
    window: z.number().int().min(0).max(2).default(1).openapi({ description: "Steps accepted before/after the current one." }),
    secretSize: z.number().int().min(16).max(64).default(20).openapi({ description: "Secret length in bytes." }),
    registrationTimeoutSec: z.number().int().min(60).max(86400).default(600),
  })
  .strict()
  .openapi("TotpPolicy");
