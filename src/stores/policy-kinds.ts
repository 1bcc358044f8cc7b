import type { z } from "@hono/zod-openapi";
import { ResourceName } from "../http/names";
import { PasscodePolicy, StoredPasscodePolicy } from "../passcodes/policy";
import { PasskeyConfig, RpId } from "../passkeys/policy";
import { TotpPolicy } from "../totp/policy";

/** A named map of policies in the store configuration, served by the generic policy endpoints. */
export interface PolicyKind {
  /** Path segment: `…/stores/{storeName}/<segment>[/{key}]`. */
  segment: string;
  configKey: string;
  /** Body field that names the entry (`name` for policies, `rpId` for relying-party configs). */
  keyField: "name" | "rpId";
  /** What a key must look like (policy name, or relying-party id). */
  key: z.ZodString;
  schema: z.ZodObject;
  /** How entries are validated inside the configuration (may add derived defaults). */
  stored: z.ZodType;
  tag: string;
}

export const POLICY_KINDS = [
  { segment: "totpPolicy", configKey: "totpPolicies", keyField: "name", key: ResourceName, schema: TotpPolicy, stored: TotpPolicy, tag: "TOTP" },
  {
    segment: "passcodePolicy",
    configKey: "passcodePolicies",
    keyField: "name",
    key: ResourceName,
    schema: PasscodePolicy,
    stored: StoredPasscodePolicy,
    tag: "Passcodes",
  },
  { segment: "passkeyConfig", configKey: "passkeyConfigs", keyField: "rpId", key: RpId, schema: PasskeyConfig, stored: PasskeyConfig, tag: "Passkeys" },
] as const satisfies readonly PolicyKind[];
