import type { Context } from "hono";
import { auditInsert } from "../audit/writer";
import { toHex } from "../crypto/encoding";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../db/ids";
import { passcodes } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { renderUser } from "../users/render";
import { passcodeAudit, resumeCeremony } from "./ceremony";
import { expiryFrom } from "./expiry";
import { renderPasscode } from "./render";
import { findPasscodeByPolicy } from "./storage";
import { suiteOf, type SuiteChoice } from "./suite";
import { sealVerifier } from "./verifier-box";
import { groupElement, saltBytes } from "./wire";
import { PASSCODE_ERRORS } from "./errors";

/** Completes a registration: stores salt and (encrypted) verifier as an ACTIVE passcode. */
export async function completeRegistration(c: Context<AppEnv>, storeName: string, sessionId: string, body: { salt: string; verifier: string; context?: Record<string, unknown> }) {
  const { scope, policyName, policy, data } = await resumeCeremony<SuiteChoice>(c, storeName, sessionId, "passcode-registration");
  const { db, state, now } = scope;
  const refuse = async (error: ApiError, row?: Parameters<typeof passcodeAudit>[3]): Promise<never> => {
    await auditInsert(db, { ...passcodeAudit(c, scope, policyName, row, body.context)("FAILURE", error.code), event: "REGISTRATION" }, now).statement;
    throw error.withUser(await renderUser(db, state, now));
  };

  const suite = suiteOf(data);
  let salt: Uint8Array;
  let v: bigint;
  try {
    salt = saltBytes(body.salt);
    v = groupElement(suite, body.verifier, "verifier");
  } catch (error) {
    if (error instanceof ApiError) return refuse(error);
    throw error;
  }
  const existing = await findPasscodeByPolicy(db, state.user.id, policyName);
  if (existing) return refuse(new ApiError(PASSCODE_ERRORS.passcodeExists), existing);

  const id = newId(now);
  const row = {
    id,
    userId: state.user.id,
    policyName,
    status: "ACTIVE",
    ...data,
    salt: toHex(salt),
    sealedVerifier: await sealVerifier(c.env, id, v),
    createdAt: now,
    updatedAt: now,
    activatedAt: now,
    expiresAt: expiryFrom(now, policy.expiryDays),
    lastAuthenticatedAt: null,
  };
  const audit = auditInsert(db, { ...passcodeAudit(c, scope, policyName, row, body.context)("SUCCESS"), event: "REGISTRATION" }, now);
  try {
    await db.batch([db.insert(passcodes).values(row), audit.statement]);
  } catch (error) {
    if (isUniqueViolation(error)) return refuse(new ApiError(PASSCODE_ERRORS.passcodeExists));
    throw error;
  }
  const user = await renderUser(db, state, now);
  return { user, passcode: renderPasscode(row) };
}
