import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert, type AuditEntry } from "../audit/storage";
import { runBatch, type Db } from "../db/client";
import { compiledStatements, type Bind } from "../db/compiled";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import { assertWithinRate } from "../http/rate-limit";
import type { Modality } from "../locking/config";
import { admissionRefusal, lockConfig } from "../locking/engine";
import { admissionStatement, ATTEMPT_LEASE_MS, failureStatements, releaseStatement, successStatements } from "../locking/statements";
import type { StoreRow } from "../stores/storage";
import { renderUser, type RenderedUser } from "../users/render";
import type { UserRow } from "../users/storage";
import { loadUser, patchView, userIdOf, userIdOfPlaceholders, writeAndReadView, type SummaryKey, type SummarySource, type UserTarget, type UserView } from "../users/view";

type Statement = BatchItem<"sqlite">;

/** What a capability's verification sees: the store, the user view and its own reads, all from one batch. */
export interface AttemptContext {
  store: StoreRow;
  view: UserView;
  reads: unknown[];
}

export type AuditBase = Omit<AuditEntry, "result" | "errorCode" | "storeId" | "userId">;

export interface Accepted<R> {
  ok: true;
  /** Or, when a write names the success's audit record (a push approved by it), a function of its id. */
  writes?: Statement[] | ((authenticationId: string) => Statement[]);
  /**
   * The write of the credential used, returning its row (`RETURNING`): the user is rendered from
   * the rows the batch returns instead of being read again, so `writes` beside it must leave the
   * user view's rows alone (a push approval writes only the push).
   */
  credential?: { key: SummaryKey; statement: Statement };
  audit?: Partial<AuditBase>;
  /** Whether the success resets the user's and the modality's counters (authentications do; TOTP activation does not). */
  resetsCounters?: boolean;
  respond(user: RenderedUser, authenticationId: string): R;
  /** A write refused by the database (a replayed TOTP step) turned into a failure. */
  onWriteError?(error: unknown): Refused | undefined;
}

interface RefusalBase {
  ok: false;
  /** A counted failure moves the user's and the modality's counters (a wrong code, a bad signature). */
  counted: boolean;
  writes?: Statement[];
  audit?: Partial<AuditBase>;
}

/**
 * A refusal is answered with its error (400 with the user) — or, with `respond` instead of an
 * error, it is the operation's normal answer: a failure the client reports (the face failure
 * endpoint) is counted and audited (FAILURE, no error code) like any other, then answered 200.
 */
export type Refused<R = never> = RefusalBase & ({ error: ApiError; respond?: never } | { error?: never; respond(user: RenderedUser): R });

export type Outcome<R> = Accepted<R> | Refused<R>;

export interface Attempt<R> {
  modality: Modality;
  /**
   * Counted attempts (authentications, code checks) are admitted before they are verified: one
   * reserved slot per attempt, refused with 2100/2101 when the user or the modality has none left.
   * Uncounted ones (registration completions that verify no secret) skip admission and counters.
   */
  counted: boolean;
  target: UserTarget;
  /** The capability's own reads, in the same batch as the user view. */
  reads?(userId: SQL): Statement[];
  audit(context: AttemptContext): AuditBase;
  /** False: a refused admission (2100/2101/2102) writes no audit record (a client-reported face failure: nobody attempted anything here). */
  auditsRefusal?: boolean;
  /** Throwing an ApiError is an uncounted refusal; returning a Refused can count. */
  verify(context: AttemptContext): Promise<Outcome<R>>;
}

const compiledAdmissions = compiledStatements((shape: `${Modality} ${"id" | "extId"}`) => {
  const [modality, by] = shape.split(" ") as [Modality, "id" | "extId"];
  return (db, bind: Bind<"attemptId" | "now" | "expiresAt" | "tenant" | "storeName" | "ref">) =>
    admissionStatement(db, { attemptId: bind("attemptId"), now: bind("now"), expiresAt: bind("expiresAt") }, userIdOfPlaceholders(db, by, bind), modality);
});

/** The attempt's admission: compiled once per modality and kind of user reference, built each time for a reference by SQL. */
function admission(db: Db, target: UserTarget, modality: Modality, values: { attemptId: string; now: number; expiresAt: number }, userId: SQL): Statement {
  const { ref } = target;
  if (ref.by === "sql") return admissionStatement(db, values, userId, modality);
  return compiledAdmissions(`${modality} ${ref.by}`)(db, { ...values, tenant: target.tenant, storeName: target.storeName, ref: ref.value });
}

export const refuse = (error: ApiError, counted = false, extra: Pick<RefusalBase, "writes" | "audit"> = {}): Refused => ({ ok: false, error, counted, ...extra });


/**
 * The one sequence every verifying operation runs: (1) one read batch that admits the attempt and
 * reads store, user, locks, credentials; (2) the capability's verification; (3) one write batch
 * with the outcome, its audit record, the counters and the release of the admission, followed by
 * the reads that render the user as it now is.
 */
export async function runAttempt<R>(scope: RequestScope, sources: readonly SummarySource[], attempt: Attempt<R>): Promise<R> {
  const { db, now } = scope;
  const attemptId = newId(now);
  const userId = userIdOf(db, attempt.target);
  const before = attempt.counted ? [admission(db, attempt.target, attempt.modality, { attemptId, now, expiresAt: now + ATTEMPT_LEASE_MS }, userId)] : [];
  const loaded = await loadUser(db, sources, attempt.target, now, { before, after: attempt.reads?.(userId) ?? [] });
  const context: AttemptContext = { store: loaded.store, view: loaded.view, reads: loaded.after };
  const { user } = context.view;
  const config = lockConfig(context.store.configuration);
  const auditOf = (result: AuditEntry["result"], errorCode: number | null, patch: Partial<AuditBase> = {}) =>
    auditInsert(db, { ...attempt.audit(context), ...patch, result, errorCode, storeId: context.store.id, userId: user.id }, now);
  const release = attempt.counted ? [releaseStatement(db, attemptId, user.id, now)] : [];
  /** The user as the writes left it, or as read before them. */
  const render = (after?: UserView) => renderUser(after ?? context.view, sources, now);
  const writeAndRender = async (writes: Statement[]) => render(await writeAndReadView(db, sources, writes, user.id, now));

  if (attempt.counted && (loaded.before[0] as unknown[]).length === 0) {
    let error: ApiError;
    try {
      error = admissionRefusal(user, context.view.modalities, context.view.inFlight, attempt.modality, config, now);
    } catch (lock) {
      if (!(lock instanceof ApiError)) throw lock;
      error = lock;
    }
    if (attempt.auditsRefusal !== false) await auditOf("FAILURE", error.code).statement;
    throw error.withUser(render());
  }

  const fail = async (refused: Refused<R>): Promise<R> => {
    const audit = auditOf("FAILURE", refused.error?.code ?? null, refused.audit).statement;
    const counters = refused.counted && attempt.counted ? failureStatements(db, user.id, attempt.modality, config, now) : [];
    const writes = [...counters, ...release, audit, ...(refused.writes ?? [])];
    const answer = (rendered: RenderedUser): R => {
      if (refused.error) throw refused.error.withUser(rendered);
      return refused.respond(rendered);
    };
    if (writes.length === 1 + release.length) {
      await runBatch(db, writes);
      return answer(render());
    }
    return answer(await writeAndRender(writes));
  };

  let outcome: Outcome<R>;
  try {
    if (attempt.counted) await assertWithinRate(scope.env.ATTEMPT_RATE_LIMITER, `${context.store.id}/${user.id}/${attempt.modality}`, `${attempt.modality} attempts for this user`);
    outcome = await attempt.verify(context);
  } catch (error) {
    if (error instanceof ApiError) return fail(refuse(error));
    if (release.length > 0) await runBatch(db, release).catch(() => undefined);
    throw error;
  }
  if (!outcome.ok) return fail(outcome);

  const success = auditOf("SUCCESS", null, outcome.audit);
  const modalityCounted = context.view.modalities.some((row) => row.modality === attempt.modality);
  const counters = attempt.counted && outcome.resetsCounters !== false ? successStatements(db, user.id, attempt.modality, now, modalityCounted) : [];
  const own = typeof outcome.writes === "function" ? outcome.writes(success.id) : (outcome.writes ?? []);
  const { credential } = outcome;
  const writes = [...counters, ...release, success.statement, ...own, ...(credential ? [credential.statement] : [])];
  let after: UserView | undefined;
  try {
    if (credential) {
      const results = await runBatch(db, writes);
      // successStatements ends with the user's reset, which returns the row
      const [reset] = counters.length > 0 ? (results[counters.length - 1] as UserRow[]) : [];
      after = patchView(context.view, {
        user: reset,
        resetModality: counters.length > 0 ? attempt.modality : undefined,
        releasedModality: attempt.counted ? attempt.modality : undefined,
        credentials: { key: credential.key, rows: results.at(-1) as { id: string }[] },
      });
    } else {
      after = await writeAndReadView(db, sources, writes, user.id, now);
    }
  } catch (error) {
    const refused = outcome.onWriteError?.(error);
    if (!refused) throw error;
    return fail(refused);
  }
  return outcome.respond(render(after), success.id);
}
