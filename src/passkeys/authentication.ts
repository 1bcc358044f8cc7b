import { generateAuthenticationOptions, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { sql } from "drizzle-orm";
import { refuse, runAttempt, type AttemptContext } from "../attempts/run";
import { auditContext } from "../audit/context";
import { fromBase64Url } from "../crypto/encoding";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { assertCanAuthenticate } from "../locking/state";
import { openCeremony, resumeCeremony, type CeremonyRef } from "../sessions/ceremony";
import { requireStore, type StoreRow } from "../stores/storage";
import { renderUser } from "../users/render";
import { storeIdOf, type SummarySource, type UserTarget, type UserView } from "../users/view";
import { checkClientData, decodeClientData } from "./client-data";
import { CLIENT_FAILURES, type ClientFailure } from "./client-failure";
import { passkeyPolicy } from "./config-lookup";
import { PASSKEY_ERRORS } from "./errors";
import { passkeyAuditInfo, renderPasskey } from "./render";
import { assertSessionManagement, passkeyBinding, PASSKEY_CEREMONY_CODES, type AuthenticationCeremony } from "./session";
import { credentialOwnerOf, credentialQuery, disablePasskeyStatement, recordAssertionStatement, type PasskeyRow } from "./storage";
import { verifyAssertion } from "./verify";

/**
 * Request options; no D1 access. With a user: lock state first, allowCredentials = their ACTIVE
 * passkeys for the rpId (none → 364). Without (usernameless / conditional UI): empty allowCredentials.
 */
export async function startAuthentication(
  scope: RequestScope,
  sources: readonly SummarySource[],
  store: StoreRow,
  view: UserView | null,
  rpId: string,
  policyName: string,
  challenge: string | undefined,
) {
  const { now } = scope;
  const { config, policy } = passkeyPolicy(store, rpId, "authenticationPolicies", policyName);
  if (challenge && !policy.allowExternalChallenge) {
    throw new ApiError(ERRORS.validation, { details: [{ path: "challenge", message: "the policy does not allow a caller-chosen challenge" }] });
  }
  let allowCredentials: { id: string; transports?: string[] }[] = [];
  if (view) {
    try {
      assertCanAuthenticate(view.user, view.modalities, "passkey", now);
    } catch (error) {
      throw error instanceof ApiError ? error.withUser(renderUser(view, sources, now)) : error;
    }
    allowCredentials = ((view.credentials.passkeys ?? []) as PasskeyRow[])
      .filter((p) => p.rpId === rpId && p.status === "ACTIVE")
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
  const data: AuthenticationCeremony = { challenge: options.challenge, rpId, policyName, userId: view?.user.id ?? null, allowCredentials: allowCredentials.map((a) => a.id) };
  const ceremony = await openCeremony(scope.env, config.sessionManagement, passkeyBinding(scope, store.name, "passkey-authentication"), data, policy.timeoutSec, now);
  return { ...ceremony, publicKey: { ...options, hints: policy.hints } };
}

export interface AuthenticationCompletion {
  response?: Record<string, unknown>;
  failure?: ClientFailure;
  context?: Record<string, unknown>;
}

/**
 * Completes an authentication as one attempt on the `passkey` modality. The user is the
 * ceremony's, or (usernameless) the owner of the credential the response names, read in the same
 * batch. Failures of the response's verification count (client-reported failures and
 * credential mismatches do not); a sign counter that does not increase disables the passkey (372).
 */
export async function completeAuthentication(scope: RequestScope, sources: readonly SummarySource[], storeName: string, ref: CeremonyRef, body: AuthenticationCompletion) {
  if (!body.response && !body.failure) throw new ApiError(PASSKEY_ERRORS.passkeyNoResponse);
  const { db, now } = scope;
  const ceremony = await resumeCeremony<AuthenticationCeremony>(scope.env, ref, passkeyBinding(scope, storeName, "passkey-authentication"), PASSKEY_CEREMONY_CODES, now);
  const { rpId, policyName } = ceremony;
  const response = body.response as unknown as AuthenticationResponseJSON | undefined;
  const credentialId = typeof response?.id === "string" ? response.id : "";
  const inStore = { tenant: scope.caller.tenant, storeName };
  const storeId = sql`(${storeIdOf(db, inStore)})`;
  const target: UserTarget = ceremony.userId
    ? { ...inStore, ref: { by: "id", value: ceremony.userId } }
    : { ...inStore, ref: { by: "sql", value: credentialOwnerOf(db, storeId, rpId, credentialId) } };

  /** The credential the response names: read apart when the ceremony has a user (it may be another user's), else one of the owner's. */
  const credentialOf = ({ view, reads }: AttemptContext): PasskeyRow | undefined =>
    ceremony.userId
      ? (reads[0] as PasskeyRow[])[0]
      : ((view.credentials.passkeys ?? []) as PasskeyRow[]).find((p) => p.rpId === rpId && p.credentialId === credentialId);
  const ownCredential = (context: AttemptContext) => {
    const passkey = credentialOf(context);
    return passkey?.userId === context.view.user.id ? passkey : undefined;
  };

  const attempt = runAttempt(scope, sources, {
    modality: "passkey",
    counted: true,
    target,
    reads: () => (ceremony.userId ? [credentialQuery(db, storeId, rpId, credentialId)] : []),
    audit: (context) => {
      const passkey = ownCredential(context);
      return { type: "Passkey", policyName, rpId, credentialId: passkey?.id ?? null, context: auditContext(scope.meta, body.context), ...passkeyAuditInfo(passkey, rpId) };
    },
    async verify(context) {
      const { config, policy } = passkeyPolicy(context.store, rpId, "authenticationPolicies", policyName);
      assertSessionManagement(ref, config);
      if (body.failure) throw new ApiError(CLIENT_FAILURES[body.failure.reason]);
      const passkey = credentialOf(context);
      if (!response || !passkey) throw new ApiError(PASSKEY_ERRORS.passkeyUnknownCredential);
      if (ceremony.userId) {
        if (passkey.userId !== ceremony.userId) throw new ApiError(PASSKEY_ERRORS.passkeyOtherUsersCredential);
        if (!ceremony.allowCredentials.includes(credentialId)) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed);
      } else {
        const userHandle = response.response?.userHandle;
        if (!userHandle) throw new ApiError(PASSKEY_ERRORS.passkeyNotAllowed, { message: "A usernameless sign-in needs the user handle." });
        if (userHandle !== passkey.userHandle) throw new ApiError(PASSKEY_ERRORS.passkeyUserHandleMismatch);
      }
      if (passkey.status !== "ACTIVE") throw new ApiError(PASSKEY_ERRORS.passkeyInactive);

      let verified;
      try {
        const clientData = decodeClientData(String(response.response?.clientDataJSON ?? ""));
        checkClientData(clientData, { type: "webauthn.get", challenge: ceremony.challenge, rpId, restrictedOrigins: config.restrictedOrigins });
        verified = await verifyAssertion(response, { id: passkey.credentialId, publicKey: passkey.publicKey, transports: passkey.transports as string[] }, {
          challenge: ceremony.challenge,
          origin: clientData.origin,
          rpId,
          requireUserVerification: policy.userVerification === "required",
        });
      } catch (error) {
        if (error instanceof ApiError) return refuse(error, true);
        throw error;
      }
      if ((passkey.signCount > 0 || verified.newCounter > 0) && verified.newCounter <= passkey.signCount) {
        return refuse(new ApiError(PASSKEY_ERRORS.passkeyCounterRegression), true, { writes: [disablePasskeyStatement(db, passkey.id, now)] });
      }

      const updated: PasskeyRow = { ...passkey, signCount: verified.newCounter, backupState: verified.credentialBackedUp, userVerified: verified.userVerified, lastAuthenticatedAt: now, updatedAt: now };
      return {
        ok: true,
        credential: { key: "passkeys", statement: recordAssertionStatement(db, updated, now) },
        audit: { credentialId: updated.id, ...passkeyAuditInfo(updated, rpId) },
        respond: (user, authenticationId) => ({ user, passkey: renderPasskey(updated), authenticationId }),
      };
    },
  });
  if (ceremony.userId) return attempt;
  return attempt.catch(async (error: unknown) => {
    // usernameless: no user owns the credential named (the store itself must exist)
    if (!(error instanceof ApiError && error.def === ERRORS.notFound)) throw error;
    await requireStore(db, inStore.tenant, storeName);
    throw new ApiError(response ? PASSKEY_ERRORS.passkeyUnknownCredential : PASSKEY_ERRORS.passkeyNotAllowed);
  });
}
