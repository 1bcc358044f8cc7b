import type { Capability } from "../capability";
import { ResourceName } from "../http/names";
import { PASSCODE_ERRORS } from "./errors";
import { PasscodePolicy, StoredPasscodePolicy } from "./policy";
import { passcodeRoutes } from "./routes";
import { passcodeSummary } from "./summary";

/** SRP-6a passcodes (PINs and passwords the server never sees). */
export const passcodes: Capability = {
  name: "passcodes",
  routes: passcodeRoutes,
  policyKinds: [
    { segment: "passcodePolicy", configKey: "passcodePolicies", keyField: "name", key: ResourceName, schema: PasscodePolicy, stored: StoredPasscodePolicy, tag: "Passcodes" },
  ],
  summary: passcodeSummary,
  modality: "passcode",
  auditType: "Passcode",
  errors: PASSCODE_ERRORS,
  tag: { name: "Passcodes", description: "PINs and passwords over SRP-6a: the server keeps a verifier and never sees the passcode; registration, authentication and renewal are two-step exchanges." },
};
