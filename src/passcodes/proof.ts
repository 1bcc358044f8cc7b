import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { auditInsert, type AuditEntry } from "../audit/writer";
import { fromHex, toHex } from "../crypto/encoding";
import { passcodes } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, ERRORS, type ErrorName } from "../http/errors";
import { assertCanAuthenticate, recordFailure, recordSuccess } from "../locking/engine";
import { renderUser } from "../users/render";
import { assertPasscodeUsable, passcodeAudit, resumeCeremony, sessionSecrets, type ProofKind, type ProofSessionData } from "./ceremony";
import { expiryFrom } from "./expiry";
import { renderPasscode } from "./render";
import { verifyClientProof } from "./srp/server";
import { findPasscodeByPolicy } from "./storage";
import { suiteOf } from "./suite";
import { openVerifier, sealVerifier } from "./verifier-box";
import { clientEphemeral, groupElement, proofBytes, saltBytes } from "./wire";
import { PASSCODE_ERRORS } from "./errors";

export interface ProofBody {
  A: string;
  M1: string;
  context?: Record<string, unknown>;
  /** Renewal only: the new salt and verifier. */
  salt?: string;
  verifier?: string;
}

/**
 * Completes authentication or renewal: the session is spent first; then locks, the passcode's
 * state, the SRP values and finally the proof are checked. Only a wrong proof (2404) counts as a
 * failed attempt; every outcome is audited. Renewal replaces salt and verifier and restarts the
 * expiry in the same batch as the success.
 */
export async function completeProof(c: Context<AppEnv>, storeName: string, sessionId: string, kind: ProofKind, body: ProofBody) {
  const { scope, policyName, policy, data } = await resumeCeremony<ProofSessionData>(c, storeName, sessionId, kind);
  const { db, state, now } = scope;
  const row = await findPasscodeByPolicy(db, state.user.id, policyName);
  const audit = passcodeAudit(c, scope, policyName, row, body.context);
  const failureAudit = (code: number) => auditInsert(db, audit("FAILURE", code), now).statement;
  const refuse = async (error: ApiError): Promise<never> => {
    await failureAudit(error.code);
    throw error.withUser(await renderUser(db, state, now));
  };

  await assertCanAuthenticate(scope, "passcode", audit("FAILURE"));
  if (!row || row.id !== data.passcodeId) return refuse(new ApiError(PASSCODE_ERRORS.passcodeNotRegistered));
  const suite = suiteOf(row);
  let parsed;
  try {
    assertPasscodeUsable(row, kind, now);
    parsed = {
      A: clientEphemeral(body.A),
      M1: proofBytes(suite, body.M1),
      replacement: kind === "passcode-renewal" ? { salt: saltBytes(body.salt ?? ""), v: groupElement(suite, body.verifier ?? "", "verifier") } : null,
    };
  } catch (error) {
    if (error instanceof ApiError) return refuse(error);
    throw error;
  }

  const check = await verifyClientProof(
    suite,
    { identity: state.user.id, salt: fromHex(row.salt), v: await openVerifier(c.env, row), ...sessionSecrets(data) },
    parsed.A,
    parsed.M1,
  );
  if (check.outcome === "invalid") return refuse(new ApiError(PASSCODE_ERRORS.srpValueInvalid, { message: `Invalid SRP value: ${check.reason}.` }));
  if (check.outcome === "mismatch") {
    const name: ErrorName = "passcodeProofMismatch";
    throw new ApiError(name, { user: await recordFailure(scope, "passcode", [failureAudit(ERRORS[name].code)]) });
  }

  const changes = parsed.replacement
    ? { salt: toHex(parsed.replacement.salt), sealedVerifier: await sealVerifier(c.env, row.id, parsed.replacement.v), expiresAt: expiryFrom(now, policy.expiryDays) }
    : {};
  const updated = { ...row, ...changes, lastAuthenticatedAt: now, updatedAt: now };
  const success = auditInsert(db, audit("SUCCESS") satisfies AuditEntry, now);
  const user = await recordSuccess(scope, "passcode", [
    db.update(passcodes).set({ ...changes, lastAuthenticatedAt: now, updatedAt: now }).where(eq(passcodes.id, row.id)),
    success.statement,
  ]);
  return { user, passcode: renderPasscode(updated), M2: toHex(check.M2), authenticationId: success.id };
}
