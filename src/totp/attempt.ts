import { refuse, runAttempt, type Accepted } from "../attempts/run";
import { auditContext } from "../audit/context";
import type { RequestScope } from "../http/context";
import { ApiError, type ErrorDef } from "../http/errors";
import type { RenderedUser } from "../users/render";
import type { SummarySource, UserTarget } from "../users/view";
import { TOTP_ERRORS } from "./errors";
import type { TotpAlgorithm } from "./hotp";
import { totpPolicy } from "./policy-lookup";
import { renderTotp, totpAuditBlocks } from "./render";
import { openTotpSecret } from "./secret-box";
import { acceptStep, isStepReplay, totpByPolicy, type TotpRow } from "./storage";
import { checkCode } from "./verify";

export type TotpAttemptKind = "complete" | "authenticate";

const REJECTED: Record<"malformed" | "wrong" | "replayed", ErrorDef> = {
  malformed: TOTP_ERRORS.totpCodeMalformed,
  wrong: TOTP_ERRORS.totpWrongCode,
  replayed: TOTP_ERRORS.totpCodeReplayed,
};

/** Why this TOTP cannot take a code now (not a guess at the code, so not counted), if anything. */
function unusable(row: TotpRow | undefined, kind: TotpAttemptKind, now: number): ErrorDef | null {
  if (!row) return TOTP_ERRORS.totpNotRegistered;
  if (kind === "authenticate") return row.status === "ACTIVE" ? null : TOTP_ERRORS.totpNotActive;
  if (row.status !== "PENDING") return TOTP_ERRORS.totpNotActive;
  return row.expiresAt !== null && row.expiresAt <= now ? TOTP_ERRORS.totpRegistrationExpired : null;
}

export interface TotpAttemptResult {
  user: RenderedUser;
  totp: ReturnType<typeof renderTotp>;
  authenticationId: string;
}

/**
 * Checks a code for registration completion or authentication, through the attempt runner: one
 * read batch (admission, store, user, TOTPs), the code check, one write batch. Wrong, malformed
 * and replayed codes count as failed attempts (user + `totp`); an accepted code advances the
 * TOTP's step in the same batch as the audit record (and, for authentication, the success reset).
 * A concurrent request that accepted the same step first makes the trigger abort this batch:
 * `onWriteError` turns that into a counted 2305. Completion does not reset the counters.
 */
export function attemptTotp(
  scope: RequestScope,
  sources: readonly SummarySource[],
  target: UserTarget,
  policyName: string,
  code: string,
  clientContext: Record<string, unknown> | undefined,
  kind: TotpAttemptKind,
): Promise<TotpAttemptResult> {
  const { now } = scope;
  return runAttempt<TotpAttemptResult>(scope, sources, {
    modality: "totp",
    counted: true,
    target,
    audit: ({ view }) => {
      const row = totpByPolicy(view, policyName);
      return {
        type: "TOTP",
        policyName,
        credentialId: row?.id ?? null,
        event: kind === "complete" ? "REGISTRATION" : "AUTHENTICATION",
        context: auditContext(scope.meta, clientContext),
        ...totpAuditBlocks(row, policyName, now),
      };
    },
    async verify({ store, view }) {
      const policy = totpPolicy(store, policyName);
      const row = totpByPolicy(view, policyName);
      const reason = unusable(row, kind, now);
      if (reason || !row) throw new ApiError(reason ?? TOTP_ERRORS.totpNotRegistered);

      const secret = await openTotpSecret(scope.env, row);
      const params = { algorithm: row.algorithm as TotpAlgorithm, digits: row.digits, period: row.period, window: policy.window };
      const check = await checkCode(secret, code, params, now, row.lastStep);
      if (check.outcome !== "accepted") return refuse(new ApiError(REJECTED[check.outcome]), true);

      const activate = kind === "complete";
      const updated: TotpRow = activate
        ? { ...row, status: "ACTIVE", activatedAt: now, expiresAt: null, lastStep: check.step, updatedAt: now }
        : { ...row, lastStep: check.step, lastAuthenticatedAt: now, updatedAt: now };
      const accepted: Accepted<TotpAttemptResult> = {
        ok: true,
        credential: { key: "totps", statement: acceptStep(scope.db, row.id, check.step, now, activate) },
        resetsCounters: !activate,
        respond: (user, authenticationId) => ({ user, totp: renderTotp(updated), authenticationId }),
        onWriteError: (error) => (isStepReplay(error) ? refuse(new ApiError(TOTP_ERRORS.totpCodeReplayed), true) : undefined),
      };
      return accepted;
    },
  });
}
