import type { Capability } from "../capability";
import { ResourceName } from "../http/names";
import { TOTP_ERRORS } from "./errors";
import { TotpPolicy } from "./policy";
import { totpRoutes } from "./routes";
import { totpSummary } from "./summary";

/** TOTP (RFC 6238): registration with a first code, authentication, management; `totpPolicies`. */
export const totp: Capability = {
  name: "totp",
  routes: totpRoutes,
  policyKinds: [{ segment: "totpPolicy", configKey: "totpPolicies", keyField: "name", key: ResourceName, schema: TotpPolicy, stored: TotpPolicy, tag: "TOTP" }],
  summary: totpSummary,
  modality: "totp",
  auditType: "TOTP",
  errors: TOTP_ERRORS,
};
