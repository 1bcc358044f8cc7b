import type { RouteEntry } from "../../http/route";
import {
  completeAppkeyAuthentication,
  completeAppkeyAuthenticationExternal,
  completeAppkeyRegistration,
  completeAppkeyRegistrationExternal,
  startAppkeyAuthentication,
  startAppkeyRegistration,
} from "./ceremonies";
import {
  appkeyRegistrationAudit,
  clearPreferredDevices,
  deleteAppkey,
  deregisterAppkey,
  deregisterAppkeys,
  getAppkey,
  listAppkeys,
  removePreferredDevice,
  setPreferredDevice,
  trustedFacets,
  updateAppkey,
} from "./manage";

export const appkeyRoutes: RouteEntry[] = [
  ...startAppkeyRegistration,
  ...completeAppkeyRegistration,
  ...completeAppkeyRegistrationExternal,
  ...startAppkeyAuthentication,
  ...completeAppkeyAuthentication,
  ...completeAppkeyAuthenticationExternal,
  ...deregisterAppkeys,
  ...deregisterAppkey,
  ...setPreferredDevice,
  ...clearPreferredDevices,
  ...removePreferredDevice,
  ...listAppkeys,
  ...getAppkey,
  ...updateAppkey,
  ...deleteAppkey,
  ...appkeyRegistrationAudit,
  ...trustedFacets,
];
