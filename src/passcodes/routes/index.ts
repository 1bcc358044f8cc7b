import type { RouteEntry } from "../../http/route";
import { completePasscodeAuthentication, completePasscodeRegistration, completePasscodeRenewal } from "./complete";
import { deletePasscodeById, deregisterPasscode, getPasscode, getPasscodeByPolicy, listUserPasscodes, updatePasscode } from "./manage";
import { startPasscodeAuthentication, startPasscodeRegistration, startPasscodeRenewal } from "./start";

export const passcodeRoutes: RouteEntry[] = [
  ...startPasscodeRegistration,
  ...startPasscodeAuthentication,
  ...startPasscodeRenewal,
  ...completePasscodeRegistration,
  ...completePasscodeAuthentication,
  ...completePasscodeRenewal,
  ...getPasscodeByPolicy,
  ...listUserPasscodes,
  ...getPasscode,
  ...updatePasscode,
  ...deletePasscodeById,
  ...deregisterPasscode,
];
