import { and, eq, gt, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { compiledStatement, compiledStatements, type Bind } from "../db/compiled";
import { jsonTable } from "../db/json-rows";
import { attempts, modalityLocks, stores, users } from "../db/schema";
import { ApiError, ERRORS } from "../http/errors";
import type { ModalityLockRow } from "../locking/state";
import type { StoreRow } from "../stores/storage";
import type { UserRow } from "./storage";

export type SummaryKey = "biometrics" | "appkeys" | "passkeys" | "totps" | "passcodes";
export const SUMMARY_KEYS: readonly SummaryKey[] = ["biometrics", "appkeys", "passkeys", "totps", "passcodes"];

/** A capability's contribution to `summaryInfo`: the user's credentials of it and how one renders. */
export interface SummarySource {
  key: SummaryKey;
  /** All the user's credentials of this capability, as one JSON column (`jsonTable`); `userId` is an SQL expression for the user's id. */
  rows(userId: SQL): SQL<unknown[]>;
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

/** A user as one read statement returns it: the row, its locks and in-flight attempts, and every credential for summaryInfo. */
export interface UserView {
  user: UserRow;
  modalities: ModalityLockRow[];
  inFlight: InFlightRow[];
  credentials: Partial<Record<SummaryKey, unknown[]>>;
}

/** A store by its tenant and name: given, or placeholders for them in a compiled statement. */
interface StoreRef {
  tenant: string | Placeholder;
  storeName: string | Placeholder;
}

export function storeIdOf(db: Db, store: StoreRef) {
  return db.select({ id: stores.id }).from(stores).where(and(eq(stores.tenant, store.tenant), eq(stores.name, store.storeName)));
}

function refValueMatches(by: "id" | "extId", value: string | Placeholder): SQL {
  return eq(by === "id" ? users.id : users.extId, value);
}

function refMatches(ref: UserTarget["ref"]): SQL {
  return ref.by === "sql" ? sql`${users.id} = (${ref.value})` : refValueMatches(ref.by, ref.value);
}

function userIdIn(db: Db, store: StoreRef, matches: SQL): SQL {
  const inStore = sql`${users.storeId} = (${storeIdOf(db, store)})`;
  return sql`(${db.select({ id: users.id }).from(users).where(and(inStore, matches))})`;
}

/** The user's id as an SQL expression scoped to the target's store: a user of another store or tenant matches nothing. */
export function userIdOf(db: Db, target: UserTarget): SQL {
  return userIdIn(db, target, refMatches(target.ref));
}

/** {@link userIdOf} with placeholders for the target's values, for a compiled statement. */
export function userIdOfPlaceholders(db: Db, by: "id" | "extId", bind: Bind<"tenant" | "storeName" | "ref">): SQL {
  return userIdIn(db, { tenant: bind("tenant"), storeName: bind("storeName") }, refValueMatches(by, bind("ref")));
}

export function matchesUser(column: SQLiteColumn, userId: SQL): SQL {
  return sql`${column} = ${userId}`;
}

const storeJson = jsonTable(stores);
const userJson = jsonTable(users);
const lockJson = jsonTable(modalityLocks);

/** Live reservations counted per modality, from the modality of each. */
function countByModality(text: string): InFlightRow[] {
  const counts = new Map<string, number>();
  for (const modality of JSON.parse(text) as string[]) counts.set(modality, (counts.get(modality) ?? 0) + 1);
  return [...counts].map(([modality, n]) => ({ modality, n }));
}

/** A user view as JSON columns of the enclosing query's `users` row (see `jsonTable`): one statement reads all of it. */
function viewColumns(sources: readonly SummarySource[], now: number | Placeholder) {
  const userId = sql`${users.id}`;
  return {
    user: userJson.row().as("view_user"),
    modalities: lockJson.rows(matchesUser(modalityLocks.userId, userId), [modalityLocks.modality]).as("view_modalities"),
    inFlight: sql`(SELECT json_group_array(${attempts.modality}) FROM ${attempts} WHERE ${and(matchesUser(attempts.userId, userId), gt(attempts.expiresAt, now))})`
      .mapWith(countByModality)
      .as("view_in_flight"),
    ...Object.fromEntries(sources.map((source) => [source.key, source.rows(userId).as(`view_${source.key}`)])),
  };
}

interface ViewRow {
  user: UserRow | null;
  modalities: ModalityLockRow[];
  inFlight: InFlightRow[];
  [key: string]: unknown;
}

function toView(row: ViewRow | undefined, sources: readonly SummarySource[]): UserView | undefined {
  if (!row?.user) return undefined;
  const credentials: UserView["credentials"] = {};
  for (const source of sources) credentials[source.key] = row[source.key] as unknown[];
  return { user: row.user, modalities: row.modalities, inFlight: row.inFlight, credentials };
}

/** The store left-joined with the user view of the user `matches` picks in it. */
function viewInStoreQuery(db: Db, sources: readonly SummarySource[], store: StoreRef, matches: SQL, now: number | Placeholder) {
  return db
    .select({ store: storeJson.row().as("view_store"), ...viewColumns(sources, now) })
    .from(stores)
    .leftJoin(users, and(eq(users.storeId, stores.id), matches))
    .where(and(eq(stores.tenant, store.tenant), eq(stores.name, store.storeName)));
}

/** The statements that read a user view, compiled once per set of summary sources. */
interface ViewStatements {
  byUserId: ReturnType<typeof compiledStatement<"userId" | "now">>;
  inStore: (by: "id" | "extId") => ReturnType<typeof compiledStatement<"tenant" | "storeName" | "ref" | "now">>;
}

const viewStatementsBySources = new WeakMap<readonly SummarySource[], ViewStatements>();

function viewStatements(sources: readonly SummarySource[]): ViewStatements {
  let statements = viewStatementsBySources.get(sources);
  if (!statements) {
    statements = {
      byUserId: compiledStatement((db, bind) => db.select(viewColumns(sources, bind("now"))).from(users).where(eq(users.id, bind("userId")))),
      inStore: compiledStatements((by: "id" | "extId") => (db, bind) =>
        viewInStoreQuery(db, sources, { tenant: bind("tenant"), storeName: bind("storeName") }, refValueMatches(by, bind("ref")), bind("now")),
      ),
    };
    viewStatementsBySources.set(sources, statements);
  }
  return statements;
}

/** The store and the user view of `target`, as one statement: compiled, or built each time for a user found by SQL. */
function viewInStore(db: Db, sources: readonly SummarySource[], target: UserTarget, now: number): BatchItem<"sqlite"> {
  const { ref } = target;
  if (ref.by === "sql") return viewInStoreQuery(db, sources, target, refMatches(ref), now);
  return viewStatements(sources).inStore(ref.by)(db, { tenant: target.tenant, storeName: target.storeName, ref: ref.value, now });
}

/** One round trip: `writes`, then the user view of `userId` as they left it (undefined when they removed the user). */
export async function writeAndReadView(db: Db, sources: readonly SummarySource[], writes: BatchItem<"sqlite">[], userId: string, now: number): Promise<UserView | undefined> {
  const statements: BatchItem<"sqlite">[] = [...writes, viewStatements(sources).byUserId(db, { userId, now })];
  const results = (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  return toView((results.at(-1) as ViewRow[])[0], sources);
}

/** What a successful attempt changed, from its own statements' `RETURNING` rows. */
export interface ViewChanges {
  /** The user row as the counters' reset left it. */
  user?: UserRow;
  /** The modality whose lock row the reset deleted. */
  resetModality?: string;
  /** The modality of the reservation the attempt released. */
  releasedModality?: string;
  /** Credential rows that replace the view's rows of the same id. */
  credentials?: { key: SummaryKey; rows: { id: string }[] };
}

/**
 * The view as a success left it, without reading it again: the rows its writes returned replace
 * the ones read before them. Concurrent changes to other rows show on the next read.
 */
export function patchView(view: UserView, { user, resetModality, releasedModality, credentials }: ViewChanges): UserView {
  const byId = new Map((credentials?.rows ?? []).map((row) => [row.id, row]));
  const replaced = credentials && (view.credentials[credentials.key] ?? []).map((row) => byId.get((row as { id: string }).id) ?? row);
  return {
    user: user ?? view.user,
    modalities: view.modalities.filter((row) => row.modality !== resetModality),
    inFlight: view.inFlight.map((row) => (row.modality === releasedModality ? { ...row, n: row.n - 1 } : row)).filter((row) => row.n > 0),
    credentials: credentials ? { ...view.credentials, [credentials.key]: replaced } : view.credentials,
  };
}

export interface LoadedUser {
  store: StoreRow;
  view: UserView;
  /** Results of the caller's `before` statements, then of its `after` statements. */
  before: unknown[];
  after: unknown[];
}

/**
 * One round trip: `before` (e.g. an attempt's admission), one statement for the store and the user
 * view (the store left-joined with the user), and the caller's own reads. 404/9002 when the store
 * or the user is not the caller's.
 */
export async function loadUser(
  db: Db,
  sources: readonly SummarySource[],
  target: UserTarget,
  now: number,
  { before = [], after = [] }: { before?: BatchItem<"sqlite">[]; after?: BatchItem<"sqlite">[] } = {},
): Promise<LoadedUser> {
  const viewQuery = viewInStore(db, sources, target, now);
  const results = (await db.batch([...before, viewQuery, ...after] as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  const [row] = results[before.length] as (ViewRow & { store: StoreRow | null })[];
  if (!row?.store) throw new ApiError(ERRORS.notFound, { message: `Store '${target.storeName}' not found.` });
  const view = toView(row, sources);
  if (!view) throw new ApiError(ERRORS.notFound, { message: "User not found." });
  return { store: row.store, view, before: results.slice(0, before.length), after: results.slice(before.length + 1) };
}
