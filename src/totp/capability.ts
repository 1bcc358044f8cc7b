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
  tag: { name: "TOTP", description: "Time-based one-time codes (RFC 6238) from an authenticator app: start a registration (secret, otpauth URI, QR code), complete it with a first code, then authenticate with a code." },
};
