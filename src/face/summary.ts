import { biometrics } from "../db/schema";
import { matchesUser, type SummarySource } from "../users/view";
import { renderBiometric } from "./render";

/** Whole rows (the routes find the enrolled face in the view); rendered without the template. */
export const biometricSummary: SummarySource = {
  key: "biometrics",
  query: (db, userId) => db.select().from(biometrics).where(matchesUser(biometrics.userId, userId)).orderBy(biometrics.createdAt),
  render: renderBiometric,
};
