import type { RouteEntry } from "../../http/route";
import { authenticateTotp } from "./authenticate";
import { completeTotpRegistration } from "./complete-registration";
import { deregisterTotp } from "./deregister";
import { getTotpRegistration } from "./get-registration";
import { deleteTotp, getTotp, updateTotp } from "./item";
import { listUserTotps } from "./list";
import { startTotpRegistration } from "./start-registration";

export const totpRoutes: RouteEntry[] = [
  ...startTotpRegistration,
  ...getTotpRegistration,
  ...completeTotpRegistration,
  ...authenticateTotp,
  ...deregisterTotp,
  ...listUserTotps,
  ...getTotp,
  ...updateTotp,
  ...deleteTotp,
];
