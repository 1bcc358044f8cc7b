import type { SummarySource } from "../users/view";
import { renderAppkeySummary } from "./render";
import { userAppkeyRows } from "./storage";

export const appkeySummary: SummarySource = {
  key: "appkeys",
  rows: userAppkeyRows,
  render: renderAppkeySummary,
};
