import { sql } from "drizzle-orm";
import { refuse, runAttempt, type AttemptContext, type Outcome } from "../attempts/run";
import { auditContext } from "../audit/context";
import { fromBase64Url, toBase64Url } from "../crypto/encoding";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS, type ErrorDef } from "../http/errors";
import { assertCanAuthenticate } from "../locking/state";
import { openCeremony, resumeCeremony, type CeremonyRef } from "../sessions/ceremony";
import { markChallengeUsed } from "../sessions/sessions";
import { requireStore, type StoreRow } from "../stores/storage";
import { renderUser, type RenderedUser } from "../users/render";
import { storeIdOf, type SummarySource, type UserTarget, type UserView } from "../users/view";
import { appIdOf, appkeyPolicy } from "./config-lookup";
import { APPKEY_ERRORS } from "./errors";
import { checkFinalChallengeParams, clientOutcome, keepApiError, readResponse, verifyError, type ReadResponse } from "./messages";
import type { AppkeyAuthenticationPolicy, AppkeyConfig, KeyType } from "./policy";
import { appkeyAuditInfo, renderAppkey } from "./render";
import { newChallenge } from "./registration";
import { APPKEY_CEREMONY_CODES, appkeyBinding, assertSessionManagement, type AppkeyCeremony } from "./session";
import { disableAppkeyStatement, keyOwnerOf, keyQuery, recordAssertionStatement, type AppkeyRow } from "./storage";
import { buildAuthenticationRequest, decodeBase64Any, readHeader, UafFormatError, verifyAuthentication, type MatchCriteria, type UafAuthAssertion } from "./uaf";
import { USER_VERIFICATION } from "./uaf-policy";

const appkeysOf = (view: UserView) => (view.credentials.appkeys ?? []) as AppkeyRow[];

/** Auth policy: per allowed key type the user holds, its userVerification bits and the user's AAIDs and KeyIDs of that type. */
export function authenticationPolicy(keys: AppkeyRow[], keyTypes: readonly KeyType[]): MatchCriteria[][] {
  return keyTypes.flatMap((keyType) => {
    const ofType = keys.filter((k) => k.keyType === keyType);
    if (ofType.length === 0) return [];
    return [[{ userVerification: USER_VERIFICATION[keyType], aaid: [...new Set(ofType.map((k) => k.aaid))], keyIDs: ofType.map((k) => k.keyId) }]];
  });
}

export interface Transaction {
  contentType: "text/plain";
  content: string;
}

/** The UAF authentication request for the user's ACTIVE appkeys of the policy's key types (none → 1110); lock state first. */
export async function startAuthentication(scope: RequestScope, sources: readonly SummarySource[], store: StoreRow, view: UserView, rpId: string, policyName: string, transaction?: Transaction) {
  const { now } = scope;
  const { config, policy } = appkeyPolicy(store, rpId, "authenticationPolicies", policyName);
  try {
    assertCanAuthenticate(view.user, view.modalities, "appkey", now);
  } catch (error) {
    throw error instanceof ApiError ? error.withUser(renderUser(view, sources, now)) : error;
  }
  const keys = appkeysOf(view).filter((k) => k.rpId === rpId && k.status === "ACTIVE");
  const accepted = authenticationPolicy(keys, policy.keyTypes);
  if (accepted.length === 0) throw new ApiError(APPKEY_ERRORS.noActiveAppkey).withUser(renderUser(view, sources, now));
  const appId = appIdOf(config, scope.meta.origin, store.id, rpId);
  const challenge = newChallenge();
  const fidoAuthenticationRequest = buildAuthenticationRequest({ appID: appId, challenge, policy: { accepted }, transactionText: transaction?.content });
  const data: AppkeyCeremony = { challenge, rpId, policyName, userId: view.user.id, appId, ...(transaction ? { transactionText: transaction.content } : {}) };
  const ceremony = await openCeremony(scope.env, config.sessionManagement, appkeyBinding(scope, store.name, "appkey-authentication"), data, policy.timeoutSec, now);
  return { ...ceremony, fidoAuthenticationRequest };
}

export interface Expected {
  config: AppkeyConfig;
  policy: AppkeyAuthenticationPolicy;
  appId: string;
  challenge: string;
  transactionText?: string;
}

export type Authenticated = { user: RenderedUser; appkey: ReturnType<typeof renderAppkey>; authenticationId: string };

/**
 * The checks every authentication shares, once the key is known: the key's state (1060, 1035;
 * uncounted), then fcParams (1098/1026/1029), signature (1095), transaction (1103) and counter
 * (1061, key DISABLED), counted. `beforeAccept` runs once the signature verified (single-shot's
 * once-only memory).
 */
export async function verifyWithKey(
  scope: RequestScope,
  key: AppkeyRow,
  parsed: ReadResponse<UafAuthAssertion>,
  expected: Expected,
  beforeAccept?: () => Promise<ErrorDef | undefined>,
): Promise<Outcome<Authenticated>> {
  const { db, now } = scope;
  if (key.status !== "ACTIVE") throw new ApiError(APPKEY_ERRORS.keyNotActive);
  if (!expected.policy.keyTypes.includes(key.keyType as KeyType)) throw new ApiError(APPKEY_ERRORS.keyTypeNotSupported);
  if (key.aaid !== parsed.assertion.aaid) throw new ApiError(APPKEY_ERRORS.unknownKeyId);
  try {
    checkFinalChallengeParams(parsed.fc, expected);
  } catch (error) {
    if (error instanceof ApiError) return refuse(error, true);
    throw error;
  }
  const verified = await verifyAuthentication({
    assertion: parsed.assertion,
    expectedFinalChallenge: parsed.finalChallenge,
    publicKeySpki: fromBase64Url(key.publicKey),
    algorithm: key.algorithm,
    storedSignCounter: key.signCounter,
    transactionText: expected.transactionText,
  });
  if (!verified.ok) {
    if (verified.reason === "counter-not-increasing") {
      // the signature verified: a replay of a used single-shot challenge is that, not a clone
      const replay = await beforeAccept?.();
      if (replay) return refuse(new ApiError(replay));
      return refuse(new ApiError(APPKEY_ERRORS.counterRegression), true, { writes: [disableAppkeyStatement(db, key.id, now)] });
    }
    return refuse(verifyError(verified.reason), true);
  }
  const refused = await beforeAccept?.();
  if (refused) return refuse(new ApiError(refused));
  const updated: AppkeyRow = { ...key, signCounter: verified.signCounter, lastAuthenticatedAt: now, updatedAt: now };
  return {
    ok: true,
    credential: { key: "appkeys", statement: recordAssertionStatement(db, key.id, verified.signCounter, now) },
    audit: { credentialId: key.id, ...appkeyAuditInfo(updated, key.rpId) },
    respond: (user, authenticationId) => ({ user, appkey: renderAppkey(updated), authenticationId }),
  };
}

export interface AuthenticationCompletion {
  fidoAuthenticationResponse?: string;
  failure?: unknown;
  context?: Record<string, unknown>;
}

/** Completes an authentication started for a user (INTERNAL session or EXTERNAL sessionData), one attempt on the `appkey` modality. */
export async function completeAuthentication(scope: RequestScope, sources: readonly SummarySource[], storeName: string, ref: CeremonyRef, body: AuthenticationCompletion) {
  const outcome = clientOutcome(body.fidoAuthenticationResponse, body.failure);
  const { db, now } = scope;
  const ceremony = await resumeCeremony<AppkeyCeremony>(scope.env, ref, appkeyBinding(scope, storeName, "appkey-authentication"), APPKEY_CEREMONY_CODES, now);
  const { rpId, policyName } = ceremony;
  const inStore = { tenant: scope.caller.tenant, storeName };
  const target: UserTarget = { ...inStore, ref: { by: "id", value: ceremony.userId } };
  const parsed = "response" in outcome ? await readResponse(outcome.response, "Auth").catch(keepApiError) : undefined;
  const keyId = parsed && !(parsed instanceof Error) ? toBase64Url(parsed.assertion.keyId) : "";
  const keyOf = (context: AttemptContext) => (context.reads[0] as AppkeyRow[])[0];

  return runAttempt(scope, sources, {
    modality: "appkey",
    counted: true,
    target,
    reads: () => [keyQuery(db, sql`(${storeIdOf(db, inStore)})`, rpId, keyId)],
    audit: (context) => {
      const key = keyOf(context);
      const own = key?.userId === context.view.user.id ? key : undefined;
      return { type: "Appkey", policyName, rpId, credentialId: own?.id ?? null, context: auditContext(scope.meta, body.context), ...appkeyAuditInfo(own, rpId) };
    },
    async verify(context) {
      const { config, policy } = appkeyPolicy(context.store, rpId, "authenticationPolicies", policyName);
      assertSessionManagement(ref, config);
      if ("failure" in outcome) throw new ApiError(outcome.failure);
      if (parsed instanceof Error) throw parsed;
      if (!parsed) throw new ApiError(APPKEY_ERRORS.noOutcome);
      const key = keyOf(context);
      if (!key) throw new ApiError(APPKEY_ERRORS.unknownKeyId);
      if (key.userId !== ceremony.userId) throw new ApiError(APPKEY_ERRORS.otherUsersKey);
      return verifyWithKey(scope, key, parsed, { config, policy, appId: ceremony.appId, challenge: ceremony.challenge, transactionText: ceremony.transactionText });
    },
  });
}

export interface SingleShotCompletion {
  rpId?: string;
  authPolicyName?: string;
  fidoAuthenticationRequest?: string;
  fidoAuthenticationResponse?: string;
  context?: Record<string, unknown>;
}

interface SingleShotRequest {
  appID: string | undefined;
  challenge: string;
  /** Milliseconds since the epoch, from the challenge's first 8 bytes. */
  time: number;
  transactionText?: string;
}

const malformedSingleShot = (why: string) => new ApiError(APPKEY_ERRORS.singleShotMalformed, { message: `The single-shot request is malformed: ${why}.` });

/** The request the client built: one Auth request whose challenge is base64url(8-byte big-endian ms ‖ 16–56 random bytes). */
export function readSingleShotRequest(json: string | undefined): SingleShotRequest {
  if (json === undefined) throw malformedSingleShot("fidoAuthenticationRequest is missing");
  let message: unknown;
  try {
    message = JSON.parse(json);
  } catch {
    throw malformedSingleShot("not JSON");
  }
  const request = Array.isArray(message) && message.length === 1 ? (message[0] as Record<string, unknown>) : undefined;
  if (typeof request !== "object" || request === null || Array.isArray(request)) throw malformedSingleShot("expected an array of one request");
  let header;
  try {
    header = readHeader(request.header);
  } catch (error) {
    if (error instanceof UafFormatError) throw malformedSingleShot("header");
    throw error;
  }
  if (header.op !== "Auth") throw new ApiError(APPKEY_ERRORS.notAuthenticationMessage);
  const challenge = request.challenge;
  if (typeof challenge !== "string") throw malformedSingleShot("challenge");
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(challenge);
  } catch {
    throw malformedSingleShot("challenge is not base64url");
  }
  if (bytes.length < 8 + 16 || bytes.length > 8 + 56) throw malformedSingleShot("challenge length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const time = Number(view.getBigUint64(0, false));
  let transactionText: string | undefined;
  if (request.transaction !== undefined) {
    const [first] = Array.isArray(request.transaction) ? (request.transaction as Record<string, unknown>[]) : [];
    if (!first || first.contentType !== "text/plain" || typeof first.content !== "string") throw malformedSingleShot("transaction");
    try {
      transactionText = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(decodeBase64Any(first.content));
    } catch {
      throw malformedSingleShot("transaction content");
    }
  }
  return { appID: header.appID, challenge, time, ...(transactionText !== undefined ? { transactionText } : {}) };
}

/**
 * Single-shot: no start call. The user is the owner of the assertion's KeyID; the challenge is the
 * client's own (timestamped, within the policy's window, accepted once until it leaves the window).
 */
export async function completeSingleShot(scope: RequestScope, sources: readonly SummarySource[], storeName: string, body: SingleShotCompletion) {
  const { db, now } = scope;
  if (!body.rpId) throw new ApiError(APPKEY_ERRORS.noRpId);
  if (!body.authPolicyName) throw new ApiError(APPKEY_ERRORS.noAuthPolicyName);
  const { rpId, authPolicyName: policyName } = body;
  const request = readSingleShotRequest(body.fidoAuthenticationRequest);
  const parsed = await readResponse(clientOutcomeResponse(body.fidoAuthenticationResponse), "Auth");
  const keyId = toBase64Url(parsed.assertion.keyId);
  const inStore = { tenant: scope.caller.tenant, storeName };
  const target: UserTarget = { ...inStore, ref: { by: "sql", value: keyOwnerOf(db, sql`(${storeIdOf(db, inStore)})`, rpId, keyId) } };
  const keyOf = ({ view }: AttemptContext) => appkeysOf(view).find((k) => k.rpId === rpId && k.keyId === keyId);

  const attempt = runAttempt(scope, sources, {
    modality: "appkey",
    counted: true,
    target,
    audit: (context) => {
      const key = keyOf(context);
      return { type: "Appkey", policyName, rpId, credentialId: key?.id ?? null, context: auditContext(scope.meta, { ...body.context, singleShot: true }), ...appkeyAuditInfo(key, rpId) };
    },
    async verify(context) {
      const { config, policy } = appkeyPolicy(context.store, rpId, "authenticationPolicies", policyName);
      if (!policy.singleShot.enabled) throw new ApiError(APPKEY_ERRORS.singleShotDisabled);
      const windowMs = policy.singleShot.windowSec * 1000;
      if (Math.abs(now - request.time) > windowMs) throw new ApiError(APPKEY_ERRORS.singleShotOutsideWindow);
      const appId = appIdOf(config, scope.meta.origin, context.store.id, rpId);
      if (request.appID !== undefined && request.appID !== appId) throw new ApiError(APPKEY_ERRORS.appIdMismatch);
      const key = keyOf(context);
      if (!key) throw new ApiError(APPKEY_ERRORS.unknownKeyId);
      const memory = `${scope.caller.tenant}\u0000${storeName}\u0000appkey-single-shot\u0000${rpId}`;
      const once = async () => ((await markChallengeUsed(scope.env.SESSIONS, memory, request.challenge, request.time + windowMs, now)) ? undefined : APPKEY_ERRORS.singleShotReused);
      return verifyWithKey(scope, key, parsed, { config, policy, appId, challenge: request.challenge, transactionText: request.transactionText }, once);
    },
  });
  return attempt.catch(async (error: unknown) => {
    // no user of the store owns the KeyID (the store itself must exist)
    if (!(error instanceof ApiError && error.def === ERRORS.notFound)) throw error;
    await requireStore(db, inStore.tenant, storeName);
    throw new ApiError(APPKEY_ERRORS.unknownKeyId);
  });
}

function clientOutcomeResponse(response: string | undefined): string {
  if (response === undefined) throw new ApiError(APPKEY_ERRORS.noOutcome);
  return response;
}
