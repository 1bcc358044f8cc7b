import type { z } from "@hono/zod-openapi";
import { PasscodePolicy, StoredPasscodePolicy } from "../passcodes/policy";
import { TotpPolicy } from "../totp/policy";

/** A named map of policies in the store configuration, served by the generic policy endpoints. */
export interface PolicyKind {
  /** Path segment: `…/stores/{storeName}/<segment>[/{key}]`. */
  segment: string;
  configKey: string;
  /** Body field that names the entry (`name` for policies, `rpId` for relying-party configs). */
  keyField: "name" | "rpId";
  schema: z.ZodObject;
  /** How entries are validated inside the configuration (may add derived defaults). */
  stored: z.ZodType;
  tag: string;
}

export const POLICY_KINDS = [
  { segment: "totpPolicy", configKey: "totpPolicies", keyField: "name", schema: TotpPolicy, stored: TotpPolicy, tag: "TOTP" },
  {
    segment: "passcodePolicy",
    configKey: "passcodePolicies",
    keyField: "name",
    schema: PasscodePolicy,
    stored: StoredPasscodePolicy,
    tag: "Passcodes",
  },
] as const satisfies readonly PolicyKind[];
