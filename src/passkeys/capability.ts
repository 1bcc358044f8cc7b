import type { Capability } from "../capability";
import { PASSKEY_ERRORS } from "./errors";
import { PasskeyConfig, RpId } from "./policy";
import { passkeyRoutes } from "./routes";
import { passkeySummary } from "./summary";

export const passkeys: Capability = {
  name: "passkeys",
  routes: passkeyRoutes,
  policyKinds: [{ segment: "passkeyConfig", configKey: "passkeyConfigs", keyField: "rpId", key: RpId, schema: PasskeyConfig, stored: PasskeyConfig, tag: "Passkeys" }],
  summary: passkeySummary,
  modality: "passkey",
  auditType: "Passkey",
  errors: PASSKEY_ERRORS,
  tag: { name: "Passkeys", description: "WebAuthn passkeys for a relying party (a domain such as example.com, or localhost; never an IP address): registration and sign-in, with or without a username." },
};
