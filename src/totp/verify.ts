import { constantTimeEqual } from "../crypto/constant-time";
import { hmacKey, hotp, type TotpAlgorithm } from "./hotp";

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
  window: number;
}

export type CodeCheck = { outcome: "accepted"; step: number } | { outcome: "malformed" | "wrong" | "replayed" };

export function timeStep(nowMs: number, period: number): number {
  return Math.floor(nowMs / 1000 / period);
}

/**
 * Checks `code` against the steps `window` before and after the current one (server time).
 * A matching step at or before `lastStep` is a replay. Every candidate is computed and compared
 * in constant time, so the answer's timing does not tell which step matched.
 */
export async function checkCode(secret: Uint8Array, code: string, params: TotpParameters, nowMs: number, lastStep: number): Promise<CodeCheck> {
  if (!new RegExp(`^\\d{${params.digits}}$`).test(code)) return { outcome: "malformed" };
  const key = await hmacKey(secret, params.algorithm);
  const current = timeStep(nowMs, params.period);
  const encoder = new TextEncoder();
  let matched: number | null = null;
  for (let step = current - params.window; step <= current + params.window; step++) {
    const expected = await hotp(key, step, params.digits);
    if (constantTimeEqual(encoder.encode(expected), encoder.encode(code)) && matched === null) matched = step;
  }
  if (matched === null) return { outcome: "wrong" };
  return matched <= lastStep ? { outcome: "replayed" } : { outcome: "accepted", step: matched };
}
