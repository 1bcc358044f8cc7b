import { appkeyPolicy, appIdOf } from "../appkeys/config-lookup";
import { authenticationPolicy } from "../appkeys/authentication";
import { preferredDevices } from "../appkeys/manage";
import { newChallenge } from "../appkeys/registration";
import type { AppkeyRow } from "../appkeys/storage";
import { buildAuthenticationRequest } from "../appkeys/uaf";
import { runBatch } from "../db/client";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { assertCanAuthenticate } from "../locking/state";
import { renderUser } from "../users/render";
import { loadUser, userIdOf, type SummarySource, type UserTarget } from "../users/view";
import { apnsPayload } from "./delivery/apns";
import { PUSH_ERRORS } from "./errors";
import { newMatchingNumber, numberDigest } from "./matching-number";
import { pushPolicy } from "./policy-lookup";
import type { PushMessage } from "./queue";
import { renderPush } from "./render";
import { endPendingStatement, insertPushStatements, pendingPushesQuery, unansweredQuery, type DeliveryRow, type PushRow } from "./storage";
import { pushTargets } from "./targets";

export interface PushRequest {
  title: string;
  body: string;
  data?: Record<string, string>;
  authPolicyName?: string;
  transaction?: { contentType: "text/plain"; content: string };
}

/** What APNs and FCM accept in one notification. */
const MAX_PAYLOAD_BYTES = 4096;

const payloadBytes = ({ id, rpId, title, body, fidoAuthenticationRequest }: PushRow, data: Record<string, string> | undefined) =>
  new TextEncoder().encode(JSON.stringify(apnsPayload({ pushId: id, rpId, title, body, fidoAuthenticationRequest, ...(data ? { data } : {}) }))).length;

/** 429/9008 while the user has left `maxUnansweredBeforeBlock` pushes unanswered since their last successful authentication. */
function assertNotFatigued(unanswered: { n: number; last: number | null }, cap: number, blockSec: number, now: number) {
  if (unanswered.n < cap || unanswered.last === null) return;
  const until = unanswered.last + blockSec * 1000;
  if (until <= now) return;
  const retryAfter = String(Math.ceil((until - now) / 1000));
  throw new ApiError(ERRORS.rateLimited, {
    message: `${unanswered.n} pushes went unanswered since the user last authenticated: no more pushes for ${retryAfter} s, or until the user authenticates.`,
    headers: { "Retry-After": retryAfter },
  });
}

/**
 * Creates a push to the user's devices for the relying party and enqueues its delivery (nothing
 * is sent on the request path). One read batch, one write batch, one queue send.
 */
export async function sendPush(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, rpId: string, request: PushRequest) {
  const { db, env, now } = scope;
  const userId = userIdOf(db, target);
  const loaded = await loadUser(db, sources, target, now, { after: [pendingPushesQuery(db, userId, rpId, now), unansweredQuery(db, userId, rpId, now)] });
  const { store, view } = loaded;
  const withUser = (error: ApiError) => error.withUser(renderUser(view, sources, now));
  const policy = pushPolicy(store, rpId);
  const { config, policy: authPolicy } = appkeyPolicy(store, rpId, "authenticationPolicies", request.authPolicyName ?? "default");
  try {
    assertCanAuthenticate(view.user, view.modalities, "appkey", now);
  } catch (error) {
    throw error instanceof ApiError ? withUser(error) : error;
  }
  const [unanswered] = loaded.after[1] as { n: number; last: number | null }[];
  assertNotFatigued(unanswered!, policy.maxUnansweredBeforeBlock, policy.blockSec, now);

  const platforms = new Set([...(policy.apnsConfig ? ["APNS"] : []), ...(policy.fcmConfig ? ["FCM"] : [])]);
  const keys = (view.credentials.appkeys ?? []) as AppkeyRow[];
  const targets = pushTargets(keys, rpId, authPolicy.keyTypes, platforms, preferredDevices(loaded)[rpId] ?? []);
  if (targets.length === 0) {
    throw withUser(
      new ApiError(PUSH_ERRORS.noTarget, {
        message: `No device of the user can get a push for '${rpId}': it needs an ACTIVE appkey with a push token for a platform the push policy configures (${[...platforms].join(", ")}), and to be a preferred device when any are set.`,
      }),
    );
  }

  const id = newId(now);
  const challenge = newChallenge();
  const appId = appIdOf(config, scope.meta.origin, store.id, rpId);
  const transactionText = request.transaction?.content ?? `Sign in to ${rpId}?`;
  const accepted = authenticationPolicy(
    targets.map((t) => t.key),
    authPolicy.keyTypes,
  );
  const matchingNumber = policy.numberMatching ? newMatchingNumber() : undefined;
  const push: PushRow = {
    id,
    storeId: store.id,
    userId: view.user.id,
    rpId,
    status: "QUEUED",
    title: request.title,
    body: request.body,
    data: request.data ?? null,
    policyName: request.authPolicyName ?? "default",
    appId,
    challenge,
    transactionText,
    fidoAuthenticationRequest: buildAuthenticationRequest({ appID: appId, challenge, policy: { accepted }, transactionText }),
    numberDigest: matchingNumber ? await numberDigest(env.DATA_ENCRYPTION_KEY, id, matchingNumber) : null,
    createdAt: now,
    expiresAt: now + policy.ttlSec * 1000,
    answeredAt: null,
    authenticationId: null,
    unansweredAt: null,
  };
  if (payloadBytes(push, request.data) > MAX_PAYLOAD_BYTES) throw new ApiError(PUSH_ERRORS.payloadTooLarge);
  const deliveries: DeliveryRow[] = targets.map((t) => ({ pushId: id, deviceId: t.deviceId, appkeyId: t.key.id, platform: t.platform, status: "QUEUED", error: null, attempts: 0, updatedAt: now }));

  const pending = loaded.after[0] as { id: string }[];
  const superseded = pending.slice(0, Math.max(0, pending.length - policy.maxPendingPerUser + 1)).map((p) => p.id);
  await runBatch(db, [...insertPushStatements(db, push, deliveries), ...(superseded.length > 0 ? [endPendingStatement(db, superseded, "SUPERSEDED", now)] : [])]);

  const message = { tenant: scope.caller.tenant, storeId: store.id, pushId: id };
  const messages: MessageSendRequest<PushMessage>[] = [
    ...deliveries.map((d) => ({ body: { kind: "deliver" as const, ...message, deviceId: d.deviceId } })),
    { body: { kind: "expire", ...message }, delaySeconds: policy.ttlSec },
  ];
  try {
    await (env.PUSH_QUEUE as Queue<PushMessage>).sendBatch(messages);
  } catch {
    await runBatch(db, [endPendingStatement(db, [id], "FAILED", now, false)]);
    throw new ApiError(ERRORS.unavailable, { message: "The push could not be queued for delivery; retry later." });
  }
  return { ...renderPush(push, deliveries, now), ...(matchingNumber ? { matchingNumber } : {}) };
}
