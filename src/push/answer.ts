import { sql } from "drizzle-orm";
import { verifyWithKey } from "../appkeys/authentication";
import { appkeyPolicy } from "../appkeys/config-lookup";
import { keepApiError, readResponse } from "../appkeys/messages";
import { appkeyAuditInfo } from "../appkeys/render";
import type { AppkeyRow } from "../appkeys/storage";
import { refuse, runAttempt, type AttemptContext, type AuditBase, type Outcome } from "../attempts/run";
import { auditContext } from "../audit/context";
import { auditInsert } from "../audit/storage";
import { toBase64Url } from "../crypto/encoding";
import { runBatch } from "../db/client";
import { isAbort } from "../db/errors";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { requireStore } from "../stores/storage";
import { loadUser, storeIdOf, type SummarySource, type UserTarget } from "../users/view";
import { pushAuditInfo } from "./audit";
import { PUSH_ERRORS } from "./errors";
import { numberMatches } from "./matching-number";
import { pushPolicy } from "./policy-lookup";
import { pushStatus, renderPush, type RenderedPush } from "./render";
import { ALREADY_FINAL, approveStatement, endPendingStatement, pushKeyQuery, pushOwnerOf, pushQueries, type DeliveryRow, type PushRow } from "./storage";

export interface PushAnswer {
  fidoAuthenticationResponse?: string;
  matchingNumber?: string;
  decline?: { reason: "NOT_ME" | "CANCELLED" | "OTHER"; text?: string };
  context?: Record<string, unknown>;
}

/**
 * The app's answer to a push, posted through the business's back end: an approval (a UAF
 * authentication over the push's transaction, plus the typed number) or a decline. A push is
 * answered once; another tenant's or store's push does not exist (404).
 */
export async function answerPush(scope: RequestScope, sources: readonly SummarySource[], storeName: string, id: string, answer: PushAnswer): Promise<RenderedPush> {
  if ((answer.fidoAuthenticationResponse === undefined) === (answer.decline === undefined)) throw new ApiError(PUSH_ERRORS.oneAnswer);
  const { db } = scope;
  const inStore = { tenant: scope.caller.tenant, storeName };
  const target: UserTarget = { ...inStore, ref: { by: "sql", value: pushOwnerOf(db, sql`(${storeIdOf(db, inStore)})`, id) } };
  const answered = answer.decline ? decline(scope, target, id, answer) : approve(scope, sources, target, id, answer);
  return answered.catch(async (error: unknown) => {
    if (!(error instanceof ApiError && error.def === ERRORS.notFound && error.message === "User not found.")) throw error;
    await requireStore(db, inStore.tenant, storeName);
    throw new ApiError(ERRORS.notFound, { message: "Push not found." });
  });
}

const pushOf = (reads: unknown[]) => ({ push: (reads[0] as PushRow[])[0]!, deliveries: reads[1] as DeliveryRow[] });

/** A push that can no longer be answered: refused, uncounted (an expired one is ended as EXPIRED, which the fatigue cap counts). */
function assertAnswerable(scope: RequestScope, push: PushRow) {
  const status = pushStatus(push, scope.now);
  if (status === "EXPIRED" && push.status !== "EXPIRED") return refuse(new ApiError(PUSH_ERRORS.expired), false, { writes: [endPendingStatement(scope.db, [push.id], "EXPIRED", push.expiresAt)] });
  if (status === "EXPIRED") throw new ApiError(PUSH_ERRORS.expired);
  if (status !== "QUEUED" && status !== "SENT") throw new ApiError(PUSH_ERRORS.notPending, { message: `The push is ${status}.` });
  return undefined;
}

/** A decline renders no user (its answer is the push, its refusals carry none), so it reads no credentials: no summary sources. */
async function decline(scope: RequestScope, target: UserTarget, id: string, answer: PushAnswer): Promise<RenderedPush> {
  const { db, now } = scope;
  const loaded = await loadUser(db, [], target, now, { after: pushQueries(db, sql`(${storeIdOf(db, target)})`, id) });
  const { push, deliveries } = pushOf(loaded.after);
  let refused: ReturnType<typeof assertAnswerable>;
  try {
    refused = assertAnswerable(scope, push);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    refused = refuse(error);
  }
  const reason = answer.decline!;
  const audit = auditInsert(
    db,
    {
      type: "Appkey",
      result: "FAILURE",
      errorCode: (refused?.error ?? new ApiError(PUSH_ERRORS.declined)).code,
      storeId: loaded.store.id,
      userId: push.userId,
      policyName: push.policyName,
      rpId: push.rpId,
      context: auditContext(scope.meta, answer.context),
      ...pushAuditInfo(push.id, push.rpId, undefined, { declined: reason }),
    },
    now,
  );
  const end = refused ? (refused.writes ?? []) : [endPendingStatement(db, [push.id], "DECLINED", now)];
  await runBatch(db, [...end, audit.statement]);
  if (refused) throw refused.error;
  return renderPush({ ...push, status: "DECLINED", answeredAt: now, unansweredAt: now }, deliveries, now);
}

function approve(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, id: string, answer: PushAnswer): Promise<RenderedPush> {
  const { db, now, env } = scope;
  const storeId = sql`(${storeIdOf(db, target)})`;
  const parsing = readResponse(answer.fidoAuthenticationResponse!, "Auth").catch(keepApiError);
  return parsing.then((parsed) => {
    const keyId = parsed instanceof Error ? "" : toBase64Url(parsed.assertion.keyId);
    const keyOf = (context: AttemptContext) => (context.reads[2] as AppkeyRow[])[0];
    const refusedAnswer = (push: PushRow, outcome: Outcome<unknown> & { ok: false }) =>
      refuse(outcome.error ?? new ApiError(ERRORS.internal), outcome.counted, { writes: [...(outcome.writes ?? []), endPendingStatement(db, [push.id], "FAILED", now)] });

    return runAttempt<RenderedPush>(scope, sources, {
      modality: "appkey",
      counted: true,
      target,
      reads: () => [...pushQueries(db, storeId, id), pushKeyQuery(db, storeId, id, keyId)],
      audit: (context): AuditBase => {
        const { push } = pushOf(context.reads);
        const key = keyOf(context);
        const own = key?.userId === push.userId ? key : undefined;
        return { type: "Appkey", policyName: push.policyName, rpId: push.rpId, credentialId: own?.id ?? null, context: auditContext(scope.meta, answer.context), ...pushAuditInfo(push.id, push.rpId, appkeyAuditInfo(own, push.rpId)) };
      },
      async verify(context) {
        const { push, deliveries } = pushOf(context.reads);
        const ended = assertAnswerable(scope, push);
        if (ended) return ended;
        pushPolicy(context.store, push.rpId);
        const { config, policy } = appkeyPolicy(context.store, push.rpId, "authenticationPolicies", push.policyName);
        if (push.numberDigest === null && answer.matchingNumber !== undefined) throw new ApiError(PUSH_ERRORS.noNumberExpected);
        if (parsed instanceof Error) throw parsed;
        const key = keyOf(context);
        if (!key || key.userId !== push.userId) throw new ApiError(PUSH_ERRORS.keyNotTargeted);
        if (!deliveries.some((d) => d.appkeyId === key.id)) throw new ApiError(PUSH_ERRORS.keyNotTargeted);
        if (push.numberDigest !== null && !(await numberMatches(env.DATA_ENCRYPTION_KEY, push.id, push.numberDigest, answer.matchingNumber ?? ""))) {
          return refuse(new ApiError(PUSH_ERRORS.wrongNumber), true, { writes: [endPendingStatement(db, [push.id], "FAILED", now)] });
        }
        const outcome = await verifyWithKey(scope, key, parsed, { config, policy, appId: push.appId, challenge: push.challenge, transactionText: push.transactionText });
        if (!outcome.ok) return refusedAnswer(push, outcome);
        return {
          ok: true,
          writes: (authenticationId) => [...((outcome.writes as never[]) ?? []), approveStatement(db, push.id, authenticationId, now)],
          credential: outcome.credential,
          audit: { ...outcome.audit, ...pushAuditInfo(push.id, push.rpId, { info: outcome.audit?.info ?? {}, displayInfo: {} }) },
          respond: (_user, authenticationId) => renderPush({ ...push, status: "APPROVED", answeredAt: now, authenticationId }, deliveries, now),
          // another answer to the same push committed first
          onWriteError: (error) => (isAbort(error, ALREADY_FINAL) ? refuse(new ApiError(PUSH_ERRORS.notPending)) : undefined),
        };
      },
    });
  });
}
