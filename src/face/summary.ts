import { jsonTable } from "../db/json-rows";
import { biometrics } from "../db/schema";
import { matchesUser, type SummarySource } from "../users/view";
import { renderBiometric } from "./render";

const biometricJson = jsonTable(biometrics);

/** Whole rows (the routes find the enrolled face in the view); rendered without the template. */
export const biometricSummary: SummarySource = {
  key: "biometrics",
  rows: (userId) => biometricJson.rows(matchesUser(biometrics.userId, userId), [biometrics.createdAt]),
  render: renderBiometric,
};
