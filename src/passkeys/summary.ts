import type { SummarySource } from "../users/view";
import { renderPasskeySummary } from "./render";
import { userPasskeyRows } from "./storage";

export const passkeySummary: SummarySource = {
  key: "passkeys",
  rows: userPasskeyRows,
  render: renderPasskeySummary,
};
