import type { RouteEntry } from "./http/route";

/** Every capability's routes, mounted by the app (ext variants first). */
export const routes: RouteEntry[] = [];
