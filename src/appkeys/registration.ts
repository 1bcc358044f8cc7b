import { sql } from "drizzle-orm";
import { refuse, runAttempt } from "../attempts/run";
import { auditContext } from "../audit/context";
import { toBase64Url } from "../crypto/encoding";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { effectiveStatus } from "../locking/state";
import { openCeremony, resumeCeremony, type CeremonyRef } from "../sessions/ceremony";
import type { StoreRow } from "../stores/storage";
import type { UserRow } from "../users/storage";
import { storeIdOf, type SummarySource, type UserTarget, type UserView } from "../users/view";
import { appIdOf, appkeyPolicy } from "./config-lookup";
import { devicePushToken } from "./device-info";
import { APPKEY_ERRORS } from "./errors";
import { checkFinalChallengeParams, clientOutcome, keepApiError, readResponse, verifyError } from "./messages";
import type { KeyType } from "./policy";
import { appkeyAuditInfo, renderAppkey } from "./render";
import { APPKEY_CEREMONY_CODES, appkeyBinding, assertSessionManagement, type AppkeyCeremony } from "./session";
import { insertAppkeyStatement, keyQuery, type AppkeyRow } from "./storage";
import { buildRegistrationRequest, verifyRegistration } from "./uaf";
import { uafPolicy } from "./uaf-policy";

function assertUserActive(user: UserRow, now: number) {
  const status = effectiveStatus(user, now);
  if (status !== "ACTIVE" && status !== "PENDING_ACTIVE") throw new ApiError(ERRORS.userNotActive);
}

export const newChallenge = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The UAF registration request for the user (no D1 access beyond the read that loaded the user). */
export async function startRegistration(scope: RequestScope, store: StoreRow, view: UserView, rpId: string, policyName: string) {
  const { config, policy } = appkeyPolicy(store, rpId, "registrationPolicies", policyName);
  assertUserActive(view.user, scope.now);
  const appId = appIdOf(config, scope.meta.origin, store.id, rpId);
  const challenge = newChallenge();
  const fidoRegistrationRequest = buildRegistrationRequest({ appID: appId, challenge, username: view.user.extId, policy: uafPolicy(policy.keyTypes, policy.aaids) });
  const data: AppkeyCeremony = { challenge, rpId, policyName, userId: view.user.id, appId };
  const ceremony = await openCeremony(scope.env, config.sessionManagement, appkeyBinding(scope, store.name, "appkey-registration"), data, policy.timeoutSec, scope.now);
  return { ...ceremony, fidoRegistrationRequest };
}

export interface RegistrationCompletion {
  fidoRegistrationResponse?: string;
  failure?: unknown;
  keyType?: KeyType;
  deviceId?: string;
  pushToken?: string;
  pushPlatform?: string;
  name?: string;
  context?: Record<string, unknown>;
}

const alreadyRegistered = () => new ApiError(APPKEY_ERRORS.keyIdAlreadyRegistered);

/**
 * Verifies the UAF registration response and stores the appkey. Uncounted (it verifies no secret
 * of the user); every outcome writes a REGISTRATION audit record.
 */
export async function completeRegistration(scope: RequestScope, sources: readonly SummarySource[], storeName: string, ref: CeremonyRef, body: RegistrationCompletion) {
  const outcome = clientOutcome(body.fidoRegistrationResponse, body.failure);
  const { db, now } = scope;
  const ceremony = await resumeCeremony<AppkeyCeremony>(scope.env, ref, appkeyBinding(scope, storeName, "appkey-registration"), APPKEY_CEREMONY_CODES, now);
  const { rpId, policyName } = ceremony;
  const target: UserTarget = { tenant: scope.caller.tenant, storeName, ref: { by: "id", value: ceremony.userId } };
  // The KeyID is read from the response before the batch, so the batch can look for an earlier registration of it.
  const parsed = "response" in outcome ? await readResponse(outcome.response, "Reg").catch(keepApiError) : undefined;
  const keyId = parsed && !(parsed instanceof Error) ? toBase64Url(parsed.assertion.keyId) : "";

  return runAttempt(scope, sources, {
    modality: "appkey",
    counted: false,
    target,
    reads: () => [keyQuery(db, sql`(${storeIdOf(db, target)})`, rpId, keyId)],
    audit: () => ({ type: "Appkey", event: "REGISTRATION", policyName, rpId, credentialId: null, context: auditContext(scope.meta, body.context), ...appkeyAuditInfo(undefined, rpId) }),
    async verify({ store, view, reads }) {
      const { config, policy } = appkeyPolicy(store, rpId, "registrationPolicies", policyName);
      assertSessionManagement(ref, config);
      if ("failure" in outcome) throw new ApiError(outcome.failure);
      assertUserActive(view.user, now);
      if (parsed instanceof Error) throw parsed;
      if (!parsed) throw new ApiError(APPKEY_ERRORS.noOutcome);
      checkFinalChallengeParams(parsed.fc, { appId: ceremony.appId, challenge: ceremony.challenge, config });
      const keyType = body.keyType ?? policy.keyTypes[0]!;
      if (!policy.keyTypes.includes(keyType)) throw new ApiError(APPKEY_ERRORS.keyTypeNotSupported);
      const verified = await verifyRegistration({
        assertion: parsed.assertion,
        expectedFinalChallenge: parsed.finalChallenge,
        trustRoots: Object.hasOwn(config.trustRoots, parsed.assertion.aaid) ? config.trustRoots[parsed.assertion.aaid] : [],
        attestationPolicy: policy.attestation,
        acceptedAaids: policy.aaids,
        now: new Date(now),
      });
      if (!verified.ok) throw verifyError(verified.reason);
      if ((reads[0] as AppkeyRow[]).length > 0) throw alreadyRegistered();

      // the body's push fields win over what the UAF client reported
      const device = devicePushToken(parsed.extensions);
      const row: AppkeyRow = {
        id: newId(now),
        storeId: store.id,
        userId: view.user.id,
        rpId,
        aaid: verified.aaid,
        keyId,
        keyType,
        publicKey: toBase64Url(verified.publicKeySpki),
        algorithm: verified.algorithm,
        signCounter: verified.signCounter,
        attestationType: verified.attestation.type,
        attestationVerified: verified.attestation.verified,
        deviceId: body.deviceId ?? null,
        name: body.name ?? null,
        status: "ACTIVE",
        pushToken: body.pushToken ?? device?.pushToken ?? null,
        pushPlatform: body.pushPlatform ?? device?.pushPlatform ?? null,
        pushTokenInvalidAt: null,
        createdAt: now,
        updatedAt: now,
        lastAuthenticatedAt: null,
      };
      return {
        ok: true,
        writes: [insertAppkeyStatement(db, row)],
        audit: { credentialId: row.id, ...appkeyAuditInfo(row, rpId) },
        respond: (user) => ({ user, appkey: renderAppkey(row) }),
        // the same KeyID registered concurrently
        onWriteError: (error) => (isUniqueViolation(error) ? refuse(alreadyRegistered()) : undefined),
      };
    },
  });
}
