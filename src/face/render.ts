import { toDtm } from "../http/dtm";
import type { BiometricRow } from "./storage";

/** The biometric resource and `summaryInfo.biometrics[]` item (never the template). */
export function renderBiometric(row: BiometricRow) {
  return {
    id: row.id,
    type: row.type as "face",
    subtype: row.subtype,
    status: row.status as "ACTIVE" | "DISABLED",
    algorithm: row.algorithm,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
  };
}
