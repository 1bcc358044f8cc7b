import { generateRegistrationOptions, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { sql } from "drizzle-orm";
import { refuse, runAttempt } from "../attempts/run";
import { auditContext } from "../audit/context";
import { fromBase64Url, toBase64Url } from "../crypto/encoding";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { effectiveStatus } from "../locking/state";
import { openCeremony, resumeCeremony, type CeremonyRef } from "../sessions/ceremony";
import type { StoreRow } from "../stores/storage";
import type { UserRow } from "../users/storage";
import { storeIdOf, type SummarySource, type UserTarget, type UserView } from "../users/view";
import { checkClientData, decodeClientData } from "./client-data";
import { CLIENT_FAILURES, type ClientFailure } from "./client-failure";
import { passkeyPolicy } from "./config-lookup";
import { PASSKEY_ERRORS } from "./errors";
import { passkeyAuditInfo, renderPasskey } from "./render";
import { assertSessionManagement, passkeyBinding, PASSKEY_CEREMONY_CODES, type RegistrationCeremony } from "./session";
import { credentialQuery, insertPasskeyStatement, keepUserHandleStatement, type PasskeyRow } from "./storage";
import { userHandleFor } from "./user-handle";
import { verifyRegistration } from "./verify";

export interface RegistrationRequest {
  userName?: string;
  displayName?: string;
  userHandle?: string;
  challenge?: string;
}

function assertUserActive(user: UserRow, now: number) {
  const status = effectiveStatus(user, now);
  if (status !== "ACTIVE" && status !== "PENDING_ACTIVE") throw new ApiError(ERRORS.userNotActive);
}

const alreadyRegistered = () => new ApiError(ERRORS.conflict, { message: "This credential is already registered." });

/** Creation options for the user (excluding their existing credentials when the policy says so); no D1 access. */
/** The relying party and policy a registration start names, and whether they allow the request (checked before anything is written). */
export function registrationPolicy(store: StoreRow, rpId: string, policyName: string, request: RegistrationRequest) {
  const found = passkeyPolicy(store, rpId, "registrationPolicies", policyName);
  if (request.challenge && !found.policy.allowExternalChallenge) {
    throw new ApiError(ERRORS.validation, { details: [{ path: "challenge", message: "the policy does not allow a caller-chosen challenge" }] });
  }
  return found;
}

export async function startRegistration(scope: RequestScope, store: StoreRow, view: UserView, rpId: string, policyName: string, request: RegistrationRequest) {
  const { config, policy } = registrationPolicy(store, rpId, policyName, request);
  const { user } = view;
  assertUserActive(user, scope.now);
  const userHandle = userHandleFor(user, rpId, request.userHandle);
  const existing = policy.excludeExistingCredentials ? ((view.credentials.passkeys ?? []) as PasskeyRow[]).filter((p) => p.rpId === rpId) : [];
  const userName = request.userName ?? (user.profile as { email?: string }).email ?? user.extId;
  const options = await generateRegistrationOptions({
    rpName: config.rpName ?? rpId,
    rpID: rpId,
    userName,
    userDisplayName: request.displayName ?? userName,
    userID: new Uint8Array(fromBase64Url(userHandle)),
    challenge: request.challenge ? new Uint8Array(fromBase64Url(request.challenge)) : new Uint8Array(crypto.getRandomValues(new Uint8Array(32))),
    timeout: policy.timeoutSec * 1000,
    attestationType: policy.attestation,
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as string[] })),
    authenticatorSelection: { residentKey: policy.residentKey, requireResidentKey: policy.residentKey === "required", userVerification: policy.userVerification },
  });
  const data: RegistrationCeremony = { challenge: options.challenge, rpId, policyName, userId: user.id, userHandle };
  const ceremony = await openCeremony(scope.env, config.sessionManagement, passkeyBinding(scope, store.name, "passkey-registration"), data, policy.timeoutSec, scope.now);
  return { ...ceremony, publicKey: { ...options, hints: policy.hints } };
}

export interface RegistrationCompletion {
  response?: Record<string, unknown>;
  failure?: ClientFailure;
  name?: string;
  context?: Record<string, unknown>;
}

/**
 * Verifies the attestation and stores the credential (and, for the user's first credential of the
 * relying party, the user handle). Uncounted: it verifies no secret of the user. Every outcome
 * writes a REGISTRATION audit record.
 */
export async function completeRegistration(scope: RequestScope, sources: readonly SummarySource[], storeName: string, ref: CeremonyRef, body: RegistrationCompletion) {
  if (!body.response && !body.failure) throw new ApiError(PASSKEY_ERRORS.passkeyNoResponse);
  const { db, now } = scope;
  const ceremony = await resumeCeremony<RegistrationCeremony>(scope.env, ref, passkeyBinding(scope, storeName, "passkey-registration"), PASSKEY_CEREMONY_CODES, now);
  const { rpId, policyName } = ceremony;
  const target: UserTarget = { tenant: scope.caller.tenant, storeName, ref: { by: "id", value: ceremony.userId } };
  const response = body.response as unknown as RegistrationResponseJSON | undefined;
  const credentialId = typeof response?.id === "string" ? response.id : "";

  return runAttempt(scope, sources, {
    modality: "passkey",
    counted: false,
    target,
    reads: () => [credentialQuery(db, sql`(${storeIdOf(db, target)})`, rpId, credentialId)],
    audit: () => ({ type: "Passkey", event: "REGISTRATION", policyName, rpId, credentialId: null, context: auditContext(scope.meta, body.context), ...passkeyAuditInfo(undefined, rpId) }),
    async verify({ store, view, reads }) {
      const { config, policy } = passkeyPolicy(store, rpId, "registrationPolicies", policyName);
      assertSessionManagement(ref, config);
      if (body.failure) throw new ApiError(CLIENT_FAILURES[body.failure.reason]);
      if (!response) throw new ApiError(PASSKEY_ERRORS.passkeyNoResponse);
      assertUserActive(view.user, now);
      const clientData = decodeClientData(String(response.response?.clientDataJSON ?? ""));
      checkClientData(clientData, { type: "webauthn.create", challenge: ceremony.challenge, rpId, restrictedOrigins: config.restrictedOrigins });
      const info = await verifyRegistration(response, { challenge: ceremony.challenge, origin: clientData.origin, rpId, requireUserVerification: policy.userVerification === "required" });
      if (policy.allowedAaguids && !policy.allowedAaguids.includes(info.aaguid)) throw new ApiError(PASSKEY_ERRORS.passkeyAuthenticatorNotAllowed);
      const [registered] = reads[0] as PasskeyRow[];
      if (registered?.credentialId === info.credential.id) throw alreadyRegistered();

      const row: PasskeyRow = {
        id: newId(now),
        storeId: store.id,
        userId: view.user.id,
        rpId,
        credentialId: info.credential.id,
        publicKey: toBase64Url(info.credential.publicKey),
        signCount: info.credential.counter,
        transports: info.credential.transports ?? [],
        aaguid: info.aaguid,
        attestationFormat: info.fmt,
        userHandle: ceremony.userHandle,
        backupEligible: info.credentialDeviceType === "multiDevice",
        backupState: info.credentialBackedUp,
        userVerified: info.userVerified,
        status: "ACTIVE",
        name: body.name ?? null,
        createdAt: now,
        updatedAt: now,
        lastAuthenticatedAt: null,
      };
      return {
        ok: true,
        writes: [insertPasskeyStatement(db, row), keepUserHandleStatement(db, view.user.id, rpId, ceremony.userHandle)],
        audit: { credentialId: row.id, ...passkeyAuditInfo(row, rpId) },
        respond: (user) => ({ user, passkey: renderPasskey(row) }),
        // a credential registered concurrently with this one
        onWriteError: (error) => (isUniqueViolation(error) ? refuse(alreadyRegistered()) : undefined),
      };
    },
  });
}
