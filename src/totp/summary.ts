import { jsonTable } from "../db/json-rows";
import { totps } from "../db/schema";
import { matchesUser, type SummarySource } from "../users/view";
import { renderTotpSummary } from "./render";

const totpJson = jsonTable(totps);

/** Whole rows (the routes find their TOTP in the view); rendered as the seed's summary items. */
export const totpSummary: SummarySource = {
  key: "totps",
  rows: (userId) => totpJson.rows(matchesUser(totps.userId, userId), [totps.createdAt, totps.id]),
  render: renderTotpSummary,
};
