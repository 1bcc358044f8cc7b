import { totps } from "../db/schema";
import { matchesUser, type SummarySource } from "../users/view";
import { renderTotpSummary } from "./render";

/** Whole rows (the routes find their TOTP in the view); rendered as the seed's summary items. */
export const totpSummary: SummarySource = {
  key: "totps",
  query: (db, userId) => db.select().from(totps).where(matchesUser(totps.userId, userId)).orderBy(totps.createdAt, totps.id),
  render: renderTotpSummary,
};
