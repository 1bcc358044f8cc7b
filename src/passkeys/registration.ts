import { generateRegistrationOptions, type RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Context } from "hono";
import { auditContext, auditInsert, type AuditEntry } from "../audit/writer";
import { fromBase64Url, toBase64Url } from "../crypto/encoding";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../db/ids";
import { passkeys } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, type ErrorName, ERRORS } from "../http/errors";
import { effectiveStatus } from "../locking/state";
import type { StoreRow } from "../stores/storage";
import { renderUser } from "../users/render";
import { requireUserState, type UserState } from "../users/storage";
import type { Db } from "../db/client";
import { openCeremony, resumeCeremony } from "./ceremony";
import { checkClientData, decodeClientData } from "./client-data";
import { passkeyPolicy } from "./config-lookup";
import { passkeyAuditInfo, renderPasskey } from "./render";
import { listPasskeys } from "./storage";
import { userHandleFor } from "./user-handle";
import { verifyRegistration } from "./verify";
import { PASSKEY_ERRORS } from "./errors";

export interface RegistrationRequest {
  userName?: string;
  displayName?: string;
  userHandle?: string;
  challenge?: string;
}

export const CLIENT_FAILURES: Record<"FAILED" | "CANCELLED" | "TIMEOUT", ErrorName> = {
  FAILED: "passkeyClientFailed",
  CANCELLED: "passkeyClientCancelled",
  TIMEOUT: "passkeyClientTimeout",
};


function assertUserActive(state: UserState, now: number) {
  const status = effectiveStatus(state.user, now);
  if (status !== "ACTIVE" && status !== "PENDING_ACTIVE") throw new ApiError(ERRORS.userNotActive);
}

/** Creation options for the user (excluding their existing credentials when the policy says so). */
export async function startRegistration(c: Context<AppEnv>, db: Db, store: StoreRow, state: UserState, rpId: string, policyName: string, request: RegistrationRequest, now: number) {
  const { config, policy } = passkeyPolicy(store, rpId, "registrationPolicies", policyName);
  assertUserActive(state, now);
  if (request.challenge && !policy.allowExternalChallenge) {
    throw new ApiError(ERRORS.validation, { details: [{ path: "challenge", message: "the policy does not allow a caller-chosen challenge" }] });
  }
  const userHandle = await userHandleFor(db, state.user, rpId, request.userHandle);
  const existing = policy.excludeExistingCredentials ? await listPasskeys(db, state.user.id, rpId) : [];
  const userName = request.userName ?? (state.user.profile as { email?: string }).email ?? state.user.extId;
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
  const ceremony = await openCeremony(
    c,
    config.sessionManagement,
    { kind: "passkey-registration", storeId: store.id, rpId, policyName, userId: state.user.id, challenge: options.challenge, userHandle },
    policy.timeoutSec,
    now,
  );
  return { ...ceremony, publicKey: { ...options, hints: policy.hints } };
}

export interface RegistrationCompletion {
  response?: Record<string, unknown>;
  failure?: { reason: "FAILED" | "CANCELLED" | "TIMEOUT" };
  name?: string;
  context?: Record<string, unknown>;
}

/** Verifies the attestation and stores the credential; every outcome writes a REGISTRATION audit record. */
export async function completeRegistration(c: Context<AppEnv>, db: Db, store: StoreRow, ref: { sessionId: string } | { sessionData?: string }, body: RegistrationCompletion, now: number) {
  if (!body.response && !body.failure) throw new ApiError(PASSKEY_ERRORS.passkeyNoResponse);
  const ceremony = await resumeCeremony(c, store, "passkey-registration", ref, now);
  const state = await requireUserState(db, store.id, { by: "id", value: ceremony.userId ?? "" });
  const { config, policy } = passkeyPolicy(store, ceremony.rpId, "registrationPolicies", ceremony.policyName);
  const audit = (result: AuditEntry["result"], errorCode: number | null, passkey?: Parameters<typeof passkeyAuditInfo>[0]): AuditEntry => ({
    type: "Passkey",
    event: "REGISTRATION",
    result,
    errorCode,
    storeId: store.id,
    userId: state.user.id,
    policyName: ceremony.policyName,
    rpId: ceremony.rpId,
    credentialId: passkey?.id ?? null,
    context: auditContext(c, body.context),
    ...passkeyAuditInfo(passkey, ceremony.rpId),
  });
  const refuse = async (error: ApiError): Promise<never> => {
    await auditInsert(db, audit("FAILURE", error.code), now).statement;
    throw error.withUser(await renderUser(db, state, now));
  };

  try {
    if (body.failure) throw new ApiError(CLIENT_FAILURES[body.failure.reason]);
    assertUserActive(state, now);
    const response = body.response as unknown as RegistrationResponseJSON;
    const clientData = decodeClientData(String(response?.response?.clientDataJSON ?? ""));
    checkClientData(clientData, { type: "webauthn.create", challenge: ceremony.challenge, rpId: ceremony.rpId, restrictedOrigins: config.restrictedOrigins });
    const info = await verifyRegistration(response, {
      challenge: ceremony.challenge,
      origin: clientData.origin,
      rpId: ceremony.rpId,
      requireUserVerification: policy.userVerification === "required",
    });
    if (policy.allowedAaguids && !policy.allowedAaguids.includes(info.aaguid)) throw new ApiError(PASSKEY_ERRORS.passkeyAuthenticatorNotAllowed);

    const row = {
      id: newId(now),
      storeId: store.id,
      userId: state.user.id,
      rpId: ceremony.rpId,
      credentialId: info.credential.id,
      publicKey: toBase64Url(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      aaguid: info.aaguid,
      attestationFormat: info.fmt,
      userHandle: ceremony.userHandle ?? "",
      backupEligible: info.credentialDeviceType === "multiDevice",
      backupState: info.credentialBackedUp,
      userVerified: info.userVerified,
      status: "ACTIVE",
      name: body.name ?? null,
      createdAt: now,
      updatedAt: now,
      lastAuthenticatedAt: null,
    };
    try {
      await db.batch([db.insert(passkeys).values(row), auditInsert(db, audit("SUCCESS", null, row), now).statement]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(ERRORS.conflict, { message: "This credential is already registered." });
      throw error;
    }
    return { user: await renderUser(db, state, now), passkey: renderPasskey(row) };
  } catch (error) {
    if (error instanceof ApiError) return refuse(error);
    throw error;
  }
}
