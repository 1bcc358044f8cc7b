import { z } from "@hono/zod-openapi";
import { FacePolicy } from "../face/policy";
import { ResourceName } from "../http/names";
import { UserLockConfig } from "../locking/config";
import { POLICY_KINDS } from "./policy-kinds";

export const Locale = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}$/, "ISO 639 language code").openapi({ example: "en" }),
    country: z.string().regex(/^[A-Z]{2}$/, "ISO 3166 country code").nullable().default(null).openapi({ example: "US" }),
    variant: z.string().max(32).nullable().default(null),
  })
  .strict()
  .openapi("Locale");

export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "unknown IANA time zone")
  .openapi({ example: "Europe/London" });

const policyMaps = Object.fromEntries(
  POLICY_KINDS.map((kind) => [kind.configKey, z.record(kind.key, kind.stored).prefault({})]),
) as unknown as { [K in (typeof POLICY_KINDS)[number] as K["configKey"]]: z.ZodPrefault<z.ZodRecord<K["key"], K["stored"]>> };

/** The whole store configuration; every field has a default, so `{}` is a working configuration. */
export const Configuration = z
  .object({
    defaultUserStatus: z.enum(["ACTIVE", "PENDING_ACTIVE", "DISABLED"]).default("ACTIVE"),
    defaultLocale: Locale.prefault({ language: "en", country: "US" }),
    defaultTimezone: TimeZone.default("UTC"),
    userLockConfig: UserLockConfig.prefault({}),
    facePolicies: z.record(ResourceName, FacePolicy).prefault({ default: {} }).openapi({ description: "A store always has a `default` face policy." }),
    ...policyMaps,
  })
  .strict()
  .openapi("StoreConfiguration");

export type Configuration = z.output<typeof Configuration>;
