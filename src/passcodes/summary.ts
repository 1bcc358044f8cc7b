import type { SummarySource } from "../users/summary";
import { renderPasscodeSummary } from "./render";
import { listPasscodes } from "./storage";

export const passcodeSummary: SummarySource = {
  key: "passcodes",
  load: async (db, userId) => (await listPasscodes(db, userId)).map(renderPasscodeSummary),
};
