import type { RouteEntry } from "../../http/route";
import { getAuthentication } from "./get-authentication";
import { listAuthentications } from "./list-authentications";

export const auditRoutes: RouteEntry[] = [...listAuthentications, ...getAuthentication];
