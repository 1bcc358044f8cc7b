import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert, type AuditEntry } from "../audit/writer";
import type { Db } from "../db/client";
import { ApiError } from "../http/errors";
import type { StoreRow } from "../stores/storage";
import { storeConfiguration } from "../stores/render";
import { renderUser, type RenderedUser } from "../users/render";
import { requireUserState, type UserState } from "../users/storage";
import type { Modality } from "./config";
import { assertCanAuthenticate as assertAllowed } from "./state";
import { failureStatements, successStatements } from "./statements";

export interface AttemptScope {
  db: Db;
  store: StoreRow;
  state: UserState;
  now: number;
}

/**
 * Refuses the attempt while the user or the modality is locked or the user is disabled.
 * The refusal carries the user and is not counted as another failure; with `audit`, the refused
 * attempt is recorded (FAILURE, with the refusal's code).
 */
export async function assertCanAuthenticate({ db, state, now }: AttemptScope, modality: Modality, audit?: AuditEntry): Promise<void> {
  try {
    assertAllowed(state.user, state.modalities, modality, now);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (audit) await auditInsert(db, { ...audit, result: "FAILURE", errorCode: error.code }, now).statement;
    throw error.withUser(await renderUser(db, state, now));
  }
}

async function commit(scope: AttemptScope, statements: BatchItem<"sqlite">[]): Promise<RenderedUser> {
  const { db, store, state, now } = scope;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return renderUser(db, await requireUserState(db, store.id, { by: "id", value: state.user.id }), now);
}

/**
 * Counts a failed attempt for the user and the modality — together with the caller's own writes
 * (its audit row, say) in one batch — and returns the updated user to attach to the error.
 */
export async function recordFailure(scope: AttemptScope, modality: Modality, alsoWrite: BatchItem<"sqlite">[] = []): Promise<RenderedUser> {
  const config = storeConfiguration(scope.store).userLockConfig;
  return commit(scope, [...failureStatements(scope.db, scope.state.user.id, modality, config, scope.now), ...alsoWrite]);
}

/** Resets the user's and the modality's counters, with the caller's own writes, in one batch. */
export async function recordSuccess(scope: AttemptScope, modality: Modality, alsoWrite: BatchItem<"sqlite">[] = []): Promise<RenderedUser> {
  return commit(scope, [...successStatements(scope.db, scope.state.user.id, modality, scope.now), ...alsoWrite]);
}
