import { invalidatePushTokenStatement, type AppkeyRow } from "../appkeys/storage";
import { auditInsert } from "../audit/storage";
import { runBatch, storeDatabase, type Db } from "../db/client";
import { newMeter } from "../db/meter";
import type { Bindings } from "../env";
import type { StoreRow } from "../stores/storage";
import { configEntry } from "../stores/entries";
import { pushAuditInfo } from "./audit";
import { openCredentials } from "./credentials";
import { deliver } from "./delivery/deliver";
import type { DeliveryResult } from "./delivery/types";
import { PUSH_ERRORS } from "./errors";
import { PushNotificationPolicy } from "./policy";
import type { PushMessage } from "./queue";
import { pushStatus } from "./render";
import { deliveryOutcomeStatement, deliveryQueries, endPendingStatement, expiringPushQuery, pushDeliveredStatement, type DeliveryRow, type PushRow } from "./storage";

/** Queue deliveries of a message before it fails for good; between them the queue waits 10 s, 20 s, 40 s, 80 s. */
export const MAX_QUEUE_ATTEMPTS = 5;
const backoffSec = (attempts: number) => Math.min(300, 10 * 2 ** (attempts - 1));

type Settled = Exclude<DeliveryResult["status"], "RETRY">;

/** The delivery's final state, the push's status that follows from it, and a token reported gone. */
function settle(db: Db, push: PushRow, delivery: DeliveryRow, status: Settled, error: string | null, attempts: number, now: number, goneToken?: { appkeyId: string; token: string }) {
  return runBatch(db, [
    deliveryOutcomeStatement(db, push.id, delivery.deviceId, status, error, attempts, now),
    pushDeliveredStatement(db, push.id),
    ...(goneToken ? [invalidatePushTokenStatement(db, goneToken.appkeyId, goneToken.token, now)] : []),
  ]);
}

/** Delivers to one device; returns the delay in seconds when the queue should try again later. */
async function deliverOne(env: Bindings, body: PushMessage & { kind: "deliver" }, queueAttempts: number): Promise<number | undefined> {
  const { tenant, storeId, pushId, deviceId } = body;
  const db = storeDatabase(env, tenant, newMeter());
  const now = Date.now();
  const [pushRows, deliveryRows, keyRows, storeRows] = await runBatch(db, deliveryQueries(db, storeId, pushId, deviceId));
  const push = (pushRows as PushRow[])[0];
  const delivery = (deliveryRows as DeliveryRow[])[0];
  // gone with its user or store, or already decided by an earlier delivery of this message
  if (!push || !delivery || delivery.status !== "QUEUED") return;
  const status = pushStatus(push, now);
  if (status !== "QUEUED" && status !== "SENT") return void (await settle(db, push, delivery, "FAILED", `not sent: the push is ${status}`, 0, now));
  const key = (keyRows as AppkeyRow[])[0];
  if (!key?.pushToken || key.pushTokenInvalidAt !== null || key.status !== "ACTIVE") return void (await settle(db, push, delivery, "FAILED", "the device has no valid push token", 0, now));
  const store = (storeRows as StoreRow[])[0];
  const policy = store && configEntry(store.configuration, "pushNotificationPolicies", push.rpId, PushNotificationPolicy);
  if (!policy) return void (await settle(db, push, delivery, "FAILED", "the relying party has no push policy", 0, now));

  const credentials = await openCredentials(env.DATA_ENCRYPTION_KEY, storeId, push.rpId, policy);
  const result = await deliver(env, `${storeId}/${push.rpId}`, credentials, {
    platform: delivery.platform as "APNS" | "FCM",
    token: key.pushToken,
    title: push.title,
    body: push.body,
    pushId: push.id,
    rpId: push.rpId,
    fidoAuthenticationRequest: push.fidoAuthenticationRequest,
    ...(push.data ? { data: push.data as Record<string, string> } : {}),
    expiresAt: push.expiresAt,
  });
  const done = Date.now();
  if (result.status === "RETRY") {
    if (queueAttempts < MAX_QUEUE_ATTEMPTS) {
      await runBatch(db, [deliveryOutcomeStatement(db, push.id, deviceId, "QUEUED", result.error, result.attempts, done)]);
      return Math.max(result.retryAfterSec ?? 0, backoffSec(queueAttempts));
    }
    return void (await settle(db, push, delivery, "FAILED", result.error, result.attempts, done));
  }
  const error = result.status === "SENT" ? null : result.error;
  await settle(db, push, delivery, result.status, error, result.attempts, done, result.status === "INVALID_TOKEN" ? { appkeyId: key.id, token: key.pushToken } : undefined);
}

/** A push nobody answered in time: EXPIRED, audited. */
async function expireOne(env: Bindings, body: PushMessage) {
  const { tenant, storeId, pushId } = body;
  const db = storeDatabase(env, tenant, newMeter());
  const now = Date.now();
  const [push] = await expiringPushQuery(db, storeId, pushId, now);
  if (!push) return;
  const audit = auditInsert(
    db,
    {
      type: "Appkey",
      result: "FAILURE",
      errorCode: PUSH_ERRORS.expired.code,
      storeId,
      userId: push.userId,
      policyName: push.policyName,
      rpId: push.rpId,
      context: { ip: null, userAgent: null, expired: true },
      ...pushAuditInfo(pushId, push.rpId),
    },
    now,
  );
  await runBatch(db, [endPendingStatement(db, [pushId], "EXPIRED", push.expiresAt), audit.statement]);
}

/** The push queue's consumer: each message on its own; a message that throws is retried by the queue. */
export async function consumePushBatch(batch: MessageBatch<PushMessage>, env: Bindings): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const { body } = message;
        const retryInSec = body.kind === "deliver" ? await deliverOne(env, body, message.attempts) : await expireOne(env, body);
        if (retryInSec === undefined) message.ack();
        else message.retry({ delaySeconds: retryInSec });
      } catch (error) {
        console.error("push message failed", message.body.kind, error);
        message.retry({ delaySeconds: backoffSec(message.attempts) });
      }
    }),
  );
}
