import type { Context } from "hono";
import { auditContext, type AuditEntry } from "../audit/writer";
import type { AppEnv } from "../env";
import { toDtm } from "../http/dtm";
import { ApiError } from "../http/errors";
import { assertCanAuthenticate } from "../locking/engine";
import { createSession, consumeSession } from "../sessions/sessions";
import { requestScope } from "../http/context";
import { requireStore } from "../stores/storage";
import { userScope, type UserScope } from "../users/context";
import { requireUserState } from "../users/storage";
import { passcodePolicy, type ResolvedPasscodePolicy } from "./policy-lookup";
import { passcodeAuditBlocks } from "./render";
import { hexOf, parseHexNumber } from "./srp/bigint";
import { randomExponent, serverEphemeral } from "./srp/server";
import { findPasscodeByPolicy, type PasscodeRow } from "./storage";
import { announce, suiteOf } from "./suite";
import { openVerifier } from "./verifier-box";
import { PASSCODE_ERRORS } from "./errors";

export type ProofKind = "passcode-authentication" | "passcode-renewal";
export type CeremonyKind = ProofKind | "passcode-registration";

/** The audit entry of a passcode ceremony step (result and code filled in by the caller). */
export function passcodeAudit(c: Context<AppEnv>, scope: UserScope, policyName: string, row: PasscodeRow | undefined, context?: Record<string, unknown>) {
  return (result: AuditEntry["result"], errorCode: number | null = null): AuditEntry => ({
    type: "Passcode",
    result,
    errorCode,
    storeId: scope.store.id,
    userId: scope.state.user.id,
    policyName,
    credentialId: row?.id ?? null,
    context: auditContext(c, context),
    ...passcodeAuditBlocks(row, policyName, scope.now),
  });
}

/** Refusals of a usable passcode: disabled, or (for authentication) expired — renewal stays possible. */
export function assertPasscodeUsable(row: PasscodeRow, kind: ProofKind, now: number): void {
  if (row.status === "DISABLED") throw new ApiError(PASSCODE_ERRORS.passcodeDisabled);
  if (kind === "passcode-authentication" && row.expiresAt !== null && row.expiresAt <= now) throw new ApiError(PASSCODE_ERRORS.passcodeExpired);
}

/** Start of authentication or renewal: the challenge (salt, B) in a fresh typed session. */
export async function startProof(c: Context<AppEnv>, policyName: string, kind: ProofKind) {
  const scope = await userScope(c);
  const { db, store, state, now } = scope;
  const policy = passcodePolicy(store, policyName);
  const row = await findPasscodeByPolicy(db, state.user.id, policyName);
  await assertCanAuthenticate(scope, "passcode");
  if (!row) throw new ApiError(PASSCODE_ERRORS.passcodeNotRegistered);
  assertPasscodeUsable(row, kind, now);

  const suite = suiteOf(row);
  const b = randomExponent();
  const B = await serverEphemeral(suite, await openVerifier(c.env, row), b);
  const session = await createSession(
    c.env.SESSIONS,
    { kind, storeId: store.id, userId: state.user.id, policyName, data: { passcodeId: row.id, b: hexOf(b), B: hexOf(B) }, ttlSec: policy.sessionTimeoutSec },
    now,
  );
  return { sessionId: session.sessionId, expirationDtm: toDtm(session.expiresAt), identity: state.user.id, salt: row.salt, B: hexOf(B), srp: announce(row) };
}

/** Start of registration: a typed session carrying the policy's SRP choice at this moment. */
export async function startRegistration(c: Context<AppEnv>, policyName: string) {
  const { db, store, state, now } = await userScope(c);
  const policy = passcodePolicy(store, policyName);
  if (await findPasscodeByPolicy(db, state.user.id, policyName)) throw new ApiError(PASSCODE_ERRORS.passcodeExists);
  const choice = { srpGroup: policy.srpGroup, srpHash: policy.srpHash, srpProfile: policy.srpProfile };
  const session = await createSession(
    c.env.SESSIONS,
    { kind: "passcode-registration", storeId: store.id, userId: state.user.id, policyName, data: choice, ttlSec: policy.sessionTimeoutSec },
    now,
  );
  return {
    sessionId: session.sessionId,
    expirationDtm: toDtm(session.expiresAt),
    identity: state.user.id,
    srp: announce(choice),
    policy: { type: policy.type, minLength: policy.minLength, maxLength: policy.maxLength },
  };
}

export interface ResumedCeremony<D> {
  scope: UserScope;
  policyName: string;
  policy: ResolvedPasscodePolicy;
  data: D;
}

/**
 * The complete call's first step: consume the session (whatever happens next, it is spent;
 * expired or used → 9011), check it belongs to this ceremony kind and store (2406), and reload
 * its user and policy.
 */
export async function resumeCeremony<D>(c: Context<AppEnv>, storeName: string, sessionId: string, kind: CeremonyKind): Promise<ResumedCeremony<D>> {
  const { db, caller, now } = requestScope(c);
  const store = await requireStore(db, caller.tenant, storeName);
  const session = await consumeSession(c.env.SESSIONS, sessionId, now);
  if (session.kind !== kind || session.storeId !== store.id || !session.userId || !session.policyName) throw new ApiError(PASSCODE_ERRORS.sessionMismatch);
  const state = await requireUserState(db, store.id, { by: "id", value: session.userId });
  const policy = passcodePolicy(store, session.policyName);
  return { scope: { db, caller, now, store, state }, policyName: session.policyName, policy, data: session.data as D };
}

export interface ProofSessionData {
  passcodeId: string;
  b: string;
  B: string;
}

export function sessionSecrets(data: ProofSessionData) {
  return { b: parseHexNumber(data.b)!, B: parseHexNumber(data.B)! };
}
