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
};
