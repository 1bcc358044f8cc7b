import { hexOf } from "./srp/bigint";
import { SRP_GROUPS, type SrpGroupSize } from "./srp/groups";
import type { SrpProfileName, SrpSuite } from "./srp/profile";

export interface SuiteChoice {
  srpGroup: number;
  srpHash: string;
  srpProfile: string;
}

export function suiteOf(choice: SuiteChoice): SrpSuite {
  return {
    group: SRP_GROUPS[choice.srpGroup as SrpGroupSize],
    hash: choice.srpHash as "SHA-256" | "SHA-512",
    profile: choice.srpProfile as SrpProfileName,
  };
}

/** What every start response announces, so any client of the profile can run the exchange. */
export function announce(choice: SuiteChoice) {
  const { group } = suiteOf(choice);
  return {
    group: choice.srpGroup as SrpGroupSize,
    hash: choice.srpHash as "SHA-256" | "SHA-512",
    profile: choice.srpProfile as SrpProfileName,
    N: hexOf(group.N),
    g: hexOf(group.g),
  };
}
