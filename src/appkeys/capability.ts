import type { Capability } from "../capability";
import { APPKEY_ERRORS } from "./errors";
import { AppkeyConfig, RpId } from "./policy";
import { appkeyRoutes } from "./routes";
import { appkeySummary } from "./summary";

export const appkeys: Capability = {
  name: "appkeys",
  routes: appkeyRoutes,
  policyKinds: [{ segment: "appkeyConfig", configKey: "appkeyConfigs", keyField: "rpId", key: RpId, schema: AppkeyConfig, stored: AppkeyConfig, tag: "Appkeys" }],
  summary: appkeySummary,
  modality: "appkey",
  auditType: "Appkey",
  errors: APPKEY_ERRORS,
  tag: { name: "Appkeys", description: "FIDO UAF 1.1 keys held by a relying party's own app: the backend hands the UAF messages to the app's UAF client. Registration, sign-in (also with a transaction text, and single-shot), deregistration, preferred devices, and the public trusted facets document." },
};
