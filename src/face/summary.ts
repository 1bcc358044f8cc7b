import type { SummarySource } from "../users/summary";
import { renderBiometric } from "./render";
import { listBiometrics } from "./storage";

export const biometricSummary: SummarySource = {
  key: "biometrics",
  load: async (db, userId) => (await listBiometrics(db, userId)).map(renderBiometric),
};
