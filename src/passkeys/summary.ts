import type { SummarySource } from "../users/view";
import { renderPasskeySummary } from "./render";
import { userPasskeysQuery } from "./storage";

export const passkeySummary: SummarySource = {
  key: "passkeys",
  query: (db, userId) => userPasskeysQuery(db, userId),
  render: renderPasskeySummary,
};
