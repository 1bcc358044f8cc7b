import { z } from "@hono/zod-openapi";

const LENGTH_DEFAULTS = { PIN: { minLength: 6, maxLength: 12 }, PASSWORD: { minLength: 8, maxLength: 64 } } as const;

export const PasscodePolicy = z
  .object({
    type: z.enum(["PIN", "PASSWORD"]).default("PASSWORD"),
    minLength: z.number().int().min(1).max(1024).optional().openapi({ description: "Default 8 (PIN: 6); enforced by the client." }),
    maxLength: z.number().int().min(1).max(1024).optional().openapi({ description: "Default 64 (PIN: 12); enforced by the client." }),
    srpGroup: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(2048),
    srpHash: z.enum(["SHA-256", "SHA-512"]).default("SHA-256"),
    srpProfile: z.enum(["rfc5054", "nimbus"]).default("rfc5054"),
    expiryDays: z.number().int().min(0).max(3650).default(0).openapi({ description: "0 = never expires." }),
    sessionTimeoutSec: z.number().int().min(30).max(3600).default(300),
  })
  .strict()
  .openapi("PasscodePolicy");

/** The stored form: length defaults depend on `type`, and the bounds must be ordered. */
export const StoredPasscodePolicy = PasscodePolicy.transform((policy) => ({
  ...policy,
  minLength: policy.minLength ?? LENGTH_DEFAULTS[policy.type].minLength,
  maxLength: policy.maxLength ?? LENGTH_DEFAULTS[policy.type].maxLength,
})).refine((policy) => policy.minLength <= policy.maxLength, {
  message: "minLength must not exceed maxLength",
  path: ["minLength"],
});
