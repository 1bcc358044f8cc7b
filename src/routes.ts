import { auditRoutes } from "./audit/routes";
import type { RouteEntry } from "./http/route";
import { faceRoutes } from "./face/routes";
import { recordBiometricFailure } from "./locking/routes/biometric-failure";
import { passcodeRoutes } from "./passcodes/routes";
import { passkeyRoutes } from "./passkeys/routes";
import { storeRoutes } from "./stores/routes";
import { totpRoutes } from "./totp/routes";
import { userRoutes } from "./users/routes";

/** Every capability's routes, mounted by the app (ext variants first). */
export const routes: RouteEntry[] = [...storeRoutes, ...userRoutes, ...auditRoutes, ...recordBiometricFailure, ...totpRoutes, ...passcodeRoutes, ...passkeyRoutes, ...faceRoutes];
