import type { Context } from "hono";
import { auditContext, auditInsert, type AuditEntry } from "../audit/writer";
import type { AppEnv } from "../env";
import { ApiError, type ErrorName } from "../http/errors";
import { assertCanAuthenticate, recordFailure, recordSuccess } from "../locking/engine";
import { renderUser } from "../users/render";
import type { UserScope } from "../users/context";
import { totpPolicy } from "./policy-lookup";
import { renderTotp, totpAuditBlocks } from "./render";
import { openTotpSecret } from "./secret-box";
import { acceptStep, findTotpByPolicy, isStepReplay, type TotpRow } from "./storage";
import { checkCode } from "./verify";
import type { TotpAlgorithm } from "./hotp";
import { TOTP_ERRORS } from "./errors";

export type TotpAttemptKind = "complete" | "authenticate";

const REJECTED: Record<"malformed" | "wrong" | "replayed", ErrorName> = {
  malformed: "totpCodeMalformed",
  wrong: "totpWrongCode",
  replayed: "totpCodeReplayed",
};

/** Why this TOTP cannot take a code now (not a guess at the code, so not counted), if anything. */
function unusable(row: TotpRow | undefined, kind: TotpAttemptKind, now: number): ErrorName | null {
  if (!row) return "totpNotRegistered";
  if (kind === "authenticate") return row.status === "ACTIVE" ? null : "totpNotActive";
  if (row.status !== "PENDING") return "totpNotActive";
  return row.expiresAt !== null && row.expiresAt <= now ? "totpRegistrationExpired" : null;
}

/**
 * Checks a code for registration completion or authentication. Every outcome writes a TOTP audit
 * record; wrong, malformed and replayed codes count as failed attempts (user + `totp`); an accepted
 * code advances the TOTP's step in the same batch as the audit record (and, for authentication,
 * the success reset), so the same step can never be accepted twice.
 */
export async function attemptTotp(c: Context<AppEnv>, scope: UserScope, policyName: string, code: string, clientContext: Record<string, unknown> | undefined, kind: TotpAttemptKind) {
  const { db, store, state, now } = scope;
  const policy = totpPolicy(store, policyName);
  const row = await findTotpByPolicy(db, state.user.id, policyName);
  const audit = (result: AuditEntry["result"], errorCode: number | null = null): AuditEntry => ({
    type: "TOTP",
    result,
    errorCode,
    storeId: store.id,
    userId: state.user.id,
    policyName,
    credentialId: row?.id ?? null,
    event: kind === "complete" ? "REGISTRATION" : "AUTHENTICATION",
    context: auditContext(c, clientContext),
    ...totpAuditBlocks(row, policyName, now),
  });
  const failAudit = (name: ErrorName) => auditInsert(db, audit("FAILURE", new ApiError(name).code), now).statement;

  await assertCanAuthenticate(scope, "totp", audit("FAILURE"));
  const reason = unusable(row, kind, now);
  if (reason || !row) {
    const name = reason ?? "totpNotRegistered";
    await failAudit(name);
    throw new ApiError(name, { user: await renderUser(db, state, now) });
  }

  const secret = await openTotpSecret(c.env, row);
  const check = await checkCode(secret, code, { algorithm: row.algorithm as TotpAlgorithm, digits: row.digits, period: row.period, window: policy.window }, now, row.lastStep);
  if (check.outcome !== "accepted") {
    const name = REJECTED[check.outcome];
    throw new ApiError(name, { user: await recordFailure(scope, "totp", [failAudit(name)]) });
  }

  const success = auditInsert(db, audit("SUCCESS"), now);
  try {
    if (kind === "authenticate") {
      const user = await recordSuccess(scope, "totp", [acceptStep(db, row.id, check.step, now, false), success.statement]);
      return { user, totp: renderTotp({ ...row, lastStep: check.step, lastAuthenticatedAt: now, updatedAt: now }), authenticationId: success.id };
    }
    await db.batch([acceptStep(db, row.id, check.step, now, true), success.statement]);
  } catch (error) {
    if (!isStepReplay(error)) throw error;
    throw new ApiError(TOTP_ERRORS.totpCodeReplayed, { user: await recordFailure(scope, "totp", [failAudit("totpCodeReplayed")]) });
  }
  const activated = { ...row, status: "ACTIVE", activatedAt: now, expiresAt: null, lastStep: check.step, updatedAt: now };
  return { user: await renderUser(db, state, now), totp: renderTotp(activated), authenticationId: success.id };
}
