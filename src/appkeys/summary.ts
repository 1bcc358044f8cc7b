import type { SummarySource } from "../users/view";
import { renderAppkeySummary } from "./render";
import { userAppkeysQuery } from "./storage";

export const appkeySummary: SummarySource = {
  key: "appkeys",
  query: (db, userId) => userAppkeysQuery(db, userId),
  render: renderAppkeySummary,
};
