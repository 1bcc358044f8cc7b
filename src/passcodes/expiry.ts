const DAY_MS = 86_400_000;

/** `expirationDtm` of a passcode activated or renewed at `from`: `expiryDays` later, or never (0). */
export function expiryFrom(from: number, expiryDays: number): number | null {
  return expiryDays > 0 ? from + expiryDays * DAY_MS : null;
}
