import type { Db } from "../db/client";
import { biometricSummary } from "../face/summary";
import { passcodeSummary } from "../passcodes/summary";
import { passkeySummary } from "../passkeys/summary";
import { totpSummary } from "../totp/summary";

type CredentialSummary = Record<string, unknown>;

export interface SummaryInfo {
  biometrics: CredentialSummary[];
  appkeys: CredentialSummary[];
  passkeys: CredentialSummary[];
  totps: CredentialSummary[];
  passcodes: CredentialSummary[];
}

/** A modality's contribution to `summaryInfo`: one list of credential summaries. */
export interface SummarySource {
  key: keyof SummaryInfo;
  load(db: Db, userId: string): Promise<CredentialSummary[]>;
}

/** Each modality's summary source; a modality adds its own here when it lands. */
const SUMMARY_SOURCES: SummarySource[] = [totpSummary, passcodeSummary, passkeySummary, biometricSummary];

export async function summaryInfo(db: Db, userId: string): Promise<SummaryInfo> {
  const info: SummaryInfo = { biometrics: [], appkeys: [], passkeys: [], totps: [], passcodes: [] };
  const lists = await Promise.all(SUMMARY_SOURCES.map((source) => source.load(db, userId)));
  SUMMARY_SOURCES.forEach((source, i) => (info[source.key] = lists[i]!));
  return info;
}
