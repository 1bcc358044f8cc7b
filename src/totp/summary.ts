import type { SummarySource } from "../users/summary";
import { renderTotpSummary } from "./render";
import { listTotps } from "./storage";

export const totpSummary: SummarySource = {
  key: "totps",
  load: async (db, userId) => (await listTotps(db, userId)).map(renderTotpSummary),
};
