import type { SummarySource } from "../users/summary";
import { renderPasskeySummary } from "./render";
import { listPasskeys } from "./storage";

export const passkeySummary: SummarySource = {
  key: "passkeys",
  load: async (db, userId) => (await listPasskeys(db, userId)).map(renderPasskeySummary),
};
