import { generateAuthenticationOptions, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { fromBase64Url } from "../crypto/encoding";
import { auditContext, auditInsert, type AuditEntry } from "../audit/writer";
import type { Db } from "../db/client";
import { passkeys } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, ERRORS } from "../http/errors";
import { assertCanAuthenticate, recordFailure, recordSuccess, type AttemptScope } from "../locking/engine";
import type { StoreRow } from "../stores/storage";
import { renderUser } from "../users/render";
import { requireUserState, type UserState } from "../users/storage";
import { openCeremony, resumeCeremony, type PasskeyCeremony } from "./ceremony";
import { checkClientData, decodeClientData } from "./client-data";
import { passkeyPolicy } from "./config-lookup";
import { CLIENT_FAILURES } from "./registration";
import { passkeyAuditInfo, renderPasskey } from "./render";
import { findPasskeyByCredential, listPasskeys, type PasskeyRow } from "./storage";
import { verifyAssertion } from "./verify";
import { PASSKEY_ERRORS } from "./errors";

/**
 * Request options. With a user: allowCredentials = their ACTIVE passkeys for the rpId (none →
 * 364). Without (usernameless / conditional UI): empty allowCredentials.
 */
export async function startAuthentication(c: Context<AppEnv>, db: Db, store: StoreRow, state: UserState | null, rpId: string, policyName: string, challenge: string | undefined, now: number) {
  const { config, policy } = passkeyPolicy(store, rpId, "authenticationPolicies", policyName);
  if (challenge && !policy.allowExternalChallenge) {
    throw new ApiError(ERRORS.validation, { details: [{ path: "challenge", message: "the policy does not allow a caller-chosen challenge" }] });
  }
  let allowCredentials: { id: string; transports?: string[] }[] = [];
  if (state) {
    await assertCanAuthenticate({ db, store, state, now }, "passkey");
    allowCredentials = (await listPasskeys(db, state.user.id, rpId))
      .filter((p) => p.status === "ACTIVE")
      .map((p) => ({ id: p.credentialId, transports: p.transports as string[] }));
    if (allowCredentials.length === 0) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed, { message: "The user has no active passkey for this relying party." });
  }
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials,
    challenge: challenge ? new Uint8Array(fromBase64Url(challenge)) : new Uint8Array(crypto.getRandomValues(new Uint8Array(32))),
    timeout: policy.timeoutSec * 1000,
    userVerification: policy.userVerification,
  });
  const ceremony = await openCeremony(
    c,
    config.sessionManagement,
    { kind: "passkey-authentication", storeId: store.id, rpId, policyName, userId: state?.user.id ?? null, challenge: options.challenge, allowCredentials: allowCredentials.map((a) => a.id) },
    policy.timeoutSec,
    now,
  );
  return { ...ceremony, publicKey: { ...options, hints: policy.hints } };
}

export interface AuthenticationCompletion {
  response?: Record<string, unknown>;
  failure?: { reason: "FAILED" | "CANCELLED" | "TIMEOUT" };
  context?: Record<string, unknown>;
}

/** The credential the response names, checked against the ceremony's user and offered credentials. */
async function identifyCredential(db: Db, store: StoreRow, ceremony: PasskeyCeremony, response: AuthenticationResponseJSON): Promise<PasskeyRow> {
  const credentialId = typeof response?.id === "string" ? response.id : "";
  const passkey = await findPasskeyByCredential(db, store.id, ceremony.rpId, credentialId);
  if (!passkey) throw new ApiError(PASSKEY_ERRORS.passkeyUnknownCredential);
  if (ceremony.userId) {
    if (passkey.userId !== ceremony.userId) throw new ApiError(PASSKEY_ERRORS.passkeyOtherUsersCredential);
    if (ceremony.allowCredentials && !ceremony.allowCredentials.includes(credentialId)) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed);
  } else {
    const userHandle = response.response?.userHandle;
    if (!userHandle) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed, { message: "A usernameless sign-in needs the user handle." });
    if (userHandle !== passkey.userHandle) throw new ApiError(PASSKEY_ERRORS.passkeyUserHandleMismatch);
  }
  return passkey;
}

/**
 * Completes an authentication. Failures after the credential and its user are known count as
 * failed `passkey` attempts (client-reported failures do not); a sign counter that does not
 * increase disables the passkey (372). Every outcome is audited.
 */
export async function completeAuthentication(c: Context<AppEnv>, db: Db, store: StoreRow, ref: { sessionId: string } | { sessionData?: string }, body: AuthenticationCompletion, now: number) {
  if (!body.response && !body.failure) throw new ApiError(PASSKEY_ERRORS.passkeyNoResponse);
  const ceremony = await resumeCeremony(c, store, "passkey-authentication", ref, now);
  const { config, policy } = passkeyPolicy(store, ceremony.rpId, "authenticationPolicies", ceremony.policyName);
  const response = body.response as unknown as AuthenticationResponseJSON;

  let passkey: PasskeyRow | undefined;
  if (body.response) {
    passkey = await identifyCredential(db, store, ceremony, response).catch(async (error: unknown) => {
      if (error instanceof ApiError && ceremony.userId) throw error.withUser(await renderUser(db, await requireUserState(db, store.id, { by: "id", value: ceremony.userId }), now));
      throw error;
    });
  }
  const userId = passkey?.userId ?? ceremony.userId;
  if (!userId) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed);
  const state = await requireUserState(db, store.id, { by: "id", value: userId });
  const scope: AttemptScope = { db, store, state, now };
  const audit = (result: AuditEntry["result"], errorCode: number | null, row = passkey): AuditEntry => ({
    type: "Passkey",
    result,
    errorCode,
    storeId: store.id,
    userId,
    policyName: ceremony.policyName,
    rpId: ceremony.rpId,
    credentialId: row?.id ?? null,
    context: auditContext(c, body.context),
    ...passkeyAuditInfo(row, ceremony.rpId),
  });
  const failAudit = (error: ApiError) => auditInsert(db, audit("FAILURE", error.code), now).statement;

  await assertCanAuthenticate(scope, "passkey", audit("FAILURE", null));
  if (body.failure || !passkey) {
    const error = new ApiError(body.failure ? CLIENT_FAILURES[body.failure.reason] : "passkeyNoResponse");
    await failAudit(error);
    throw error.withUser(await renderUser(db, state, now));
  }
  if (passkey.status !== "ACTIVE") {
    const error = new ApiError(PASSKEY_ERRORS.passkeyInactive);
    await failAudit(error);
    throw error.withUser(await renderUser(db, state, now));
  }

  let verified;
  try {
    const clientData = decodeClientData(String(response.response?.clientDataJSON ?? ""));
    checkClientData(clientData, { type: "webauthn.get", challenge: ceremony.challenge, rpId: ceremony.rpId, restrictedOrigins: config.restrictedOrigins });
    verified = await verifyAssertion(response, { id: passkey.credentialId, publicKey: passkey.publicKey, transports: passkey.transports as string[] }, {
      challenge: ceremony.challenge,
      origin: clientData.origin,
      rpId: ceremony.rpId,
      requireUserVerification: policy.userVerification === "required",
    });
    if ((passkey.signCount > 0 || verified.newCounter > 0) && verified.newCounter <= passkey.signCount) throw new ApiError(PASSKEY_ERRORS.passkeyCounterRegression);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const disable =
      error.errorName === "passkeyCounterRegression" ? [db.update(passkeys).set({ status: "DISABLED", updatedAt: now }).where(eq(passkeys.id, passkey.id))] : [];
    throw error.withUser(await recordFailure(scope, "passkey", [...disable, failAudit(error)]));
  }

  const updated = { ...passkey, signCount: verified.newCounter, backupState: verified.credentialBackedUp, userVerified: verified.userVerified, lastAuthenticatedAt: now, updatedAt: now };
  const success = auditInsert(db, audit("SUCCESS", null, updated), now);
  const user = await recordSuccess(scope, "passkey", [
    db
      .update(passkeys)
      .set({ signCount: updated.signCount, backupState: updated.backupState, userVerified: updated.userVerified, lastAuthenticatedAt: now, updatedAt: now })
      .where(eq(passkeys.id, passkey.id)),
    success.statement,
  ]);
  return { user, passkey: renderPasskey(updated), authenticationId: success.id };
}
