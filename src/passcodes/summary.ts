import type { SummarySource, UserView } from "../users/view";
import { renderPasscodeSummary } from "./render";
import { userPasscodeRows, type PasscodeRow } from "./storage";

export const passcodeSummary: SummarySource = {
  key: "passcodes",
  rows: userPasscodeRows,
  render: renderPasscodeSummary,
};

/** The user's passcodes as the view read them. */
export function passcodesOf(view: UserView): PasscodeRow[] {
  return (view.credentials.passcodes ?? []) as PasscodeRow[];
}

export const passcodeForPolicy = (view: UserView, policyName: string) => passcodesOf(view).find((row) => row.policyName === policyName);
