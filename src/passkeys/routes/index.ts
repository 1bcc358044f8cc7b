import type { RouteEntry } from "../../http/route";
import { completePasskeyAuthentication, completePasskeyAuthenticationExternal, startUsernamelessPasskeyAuthentication, startUserPasskeyAuthentication } from "./authentication";
import { deletePasskey, getPasskey, listUserPasskeys, passkeyRegistrationAudit, updatePasskey } from "./manage";
import { completePasskeyRegistration, completePasskeyRegistrationExternal, startStorePasskeyRegistration, startUserPasskeyRegistration } from "./registration";

export const passkeyRoutes: RouteEntry[] = [
  ...startUserPasskeyRegistration,
  ...startStorePasskeyRegistration,
  ...completePasskeyRegistration,
  ...completePasskeyRegistrationExternal,
  ...startUserPasskeyAuthentication,
  ...startUsernamelessPasskeyAuthentication,
  ...completePasskeyAuthentication,
  ...completePasskeyAuthenticationExternal,
  ...listUserPasskeys,
  ...getPasskey,
  ...updatePasskey,
  ...deletePasskey,
  ...passkeyRegistrationAudit,
];
