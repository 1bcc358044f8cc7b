import { z } from "@hono/zod-openapi";
import { UserLockConfig } from "../locking/config";
import type { PolicyKind } from "./policy-kinds";

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

const coreFields = {
  defaultUserStatus: z.enum(["ACTIVE", "PENDING_ACTIVE", "DISABLED"]).default("ACTIVE"),
  defaultLocale: Locale.prefault({ language: "en", country: "US" }),
  defaultTimezone: TimeZone.default("UTC"),
  userLockConfig: UserLockConfig.prefault({}),
};

const CoreConfiguration = z.object(coreFields);
export type CoreConfiguration = z.output<typeof CoreConfiguration>;

/** The core's part of a stored configuration, with defaults (capabilities read their own sections). */
export function coreConfiguration(configuration: unknown): CoreConfiguration {
  return CoreConfiguration.parse(configuration ?? {});
}

/**
 * The whole store configuration: the core's fields and each capability's sections (its policy
 * maps and any other section). Every field has a default, so `{}` is a working configuration.
 */
export function configurationSchema(kinds: readonly PolicyKind[], sections: Record<string, z.ZodType>) {
  const maps = Object.fromEntries(kinds.map((kind) => [kind.configKey, z.record(kind.key, kind.stored).prefault({})]));
  return z
    .object({ ...coreFields, ...maps, ...sections })
    .strict()
    .openapi("StoreConfiguration");
}

export type ConfigurationSchema = ReturnType<typeof configurationSchema>;
export type Configuration = CoreConfiguration & Record<string, unknown>;
