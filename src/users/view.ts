import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { attempts, modalityLocks, stores, users } from "../db/schema";
import { ApiError, ERRORS } from "../http/errors";
import type { ModalityLockRow } from "../locking/state";
import type { StoreRow } from "../stores/storage";
import type { UserRow } from "./storage";

export type SummaryKey = "biometrics" | "appkeys" | "passkeys" | "totps" | "passcodes";
export const SUMMARY_KEYS: readonly SummaryKey[] = ["biometrics", "appkeys", "passkeys", "totps", "passcodes"];

/** A capability's contribution to `summaryInfo`: the query for a user's credentials and how one renders. */
export interface SummarySource {
  key: SummaryKey;
  /** All the user's credentials of this capability; `userId` is an SQL expression for the user's id. */
  query(db: Db, userId: SQL): BatchItem<"sqlite">;
  render(row: never): Record<string, unknown>;
}

/** Who a request is about: a store by its tenant and name, a user in it by id, extId or an SQL expression. */
export interface UserTarget {
  tenant: string;
  storeName: string;
  ref: { by: "id"; value: string } | { by: "extId"; value: string } | { by: "sql"; value: SQL };
}

/** Live reservations of attempts (see src/attempts), per modality. */
export interface InFlightRow {
  modality: string;
  n: number;
}

/** A user as one read batch returns it: the row, its locks and in-flight attempts, and every credential for summaryInfo. */
export interface UserView {
  user: UserRow;
  modalities: ModalityLockRow[];
  inFlight: InFlightRow[];
  credentials: Partial<Record<SummaryKey, unknown[]>>;
}

export function storeIdOf(db: Db, target: Pick<UserTarget, "tenant" | "storeName">) {
  return db.select({ id: stores.id }).from(stores).where(and(eq(stores.tenant, target.tenant), eq(stores.name, target.storeName)));
}

/** The user's id as an SQL expression scoped to the target's store: a user of another store or tenant matches nothing. */
export function userIdOf(db: Db, target: UserTarget): SQL {
  const inStore = sql`${users.storeId} = (${storeIdOf(db, target)})`;
  const match = target.ref.by === "id" ? eq(users.id, target.ref.value) : target.ref.by === "extId" ? eq(users.extId, target.ref.value) : sql`${users.id} = (${target.ref.value})`;
  return sql`(${db.select({ id: users.id }).from(users).where(and(inStore, match))})`;
}

export function matchesUser(column: SQLiteColumn, userId: SQL): SQL {
  return sql`${column} = ${userId}`;
}

/** The statements that read a user view, to put in any batch (after its writes, they read the new state). */
export function userViewQueries(db: Db, sources: readonly SummarySource[], userId: SQL, now: number): BatchItem<"sqlite">[] {
  return [
    db.select().from(users).where(matchesUser(users.id, userId)),
    db
      .select({ modality: modalityLocks.modality, failedAttempts: modalityLocks.failedAttempts, lockedUntil: modalityLocks.lockedUntil })
      .from(modalityLocks)
      .where(matchesUser(modalityLocks.userId, userId)),
    db
      .select({ modality: attempts.modality, n: sql<number>`count(*)` })
      .from(attempts)
      .where(and(matchesUser(attempts.userId, userId), gt(attempts.expiresAt, now)))
      .groupBy(attempts.modality),
    ...sources.map((source) => source.query(db, userId)),
  ];
}

/** Reads back what `userViewQueries` returned, from `results[offset]` on. */
export function readUserView(results: unknown[], offset: number, sources: readonly SummarySource[]): UserView | undefined {
  const [user] = results[offset] as UserRow[];
  if (!user) return undefined;
  const credentials: UserView["credentials"] = {};
  sources.forEach((source, i) => (credentials[source.key] = results[offset + 3 + i] as unknown[]));
  return { user, modalities: results[offset + 1] as ModalityLockRow[], inFlight: results[offset + 2] as InFlightRow[], credentials };
}

export const userViewLength = (sources: readonly SummarySource[]) => 3 + sources.length;

export interface LoadedUser {
  store: StoreRow;
  view: UserView;
  /** Results of the caller's `before` statements, then of its `after` statements. */
  before: unknown[];
  after: unknown[];
}

/**
 * One round trip: `before` (e.g. an attempt's admission), the store, the user view and the
 * caller's own reads. 404/9002 when the store or the user is not the caller's.
 */
export async function loadUser(
  db: Db,
  sources: readonly SummarySource[],
  target: UserTarget,
  now: number,
  { before = [], after = [] }: { before?: BatchItem<"sqlite">[]; after?: BatchItem<"sqlite">[] } = {},
): Promise<LoadedUser> {
  const storeQuery = db.select().from(stores).where(and(eq(stores.tenant, target.tenant), eq(stores.name, target.storeName)));
  const statements = [...before, storeQuery, ...userViewQueries(db, sources, userIdOf(db, target), now), ...after];
  const results = (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  const [store] = results[before.length] as StoreRow[];
  if (!store) throw new ApiError(ERRORS.notFound, { message: `Store '${target.storeName}' not found.` });
  const view = readUserView(results, before.length + 1, sources);
  if (!view) throw new ApiError(ERRORS.notFound, { message: "User not found." });
  const afterStart = before.length + 1 + userViewLength(sources);
  return { store, view, before: results.slice(0, before.length), after: results.slice(afterStart) };
}
