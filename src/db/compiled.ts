import { fillPlaceholders, sql, type Placeholder } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";

type Statement = BatchItem<"sqlite">;

/** A placeholder for the value named `name`, bound at each use of a compiled statement. */
export type Bind<K extends string> = (name: K) => Placeholder;

/**
 * What drizzle's D1 `batch` takes of each item (`drizzle-orm/d1/session.js`): `_prepare()`, whose
 * result gives the query, a D1 statement to bind and the mapping of the rows. Pinned by
 * package-lock.json and exercised by every test that batches a compiled statement.
 */
interface Prepared {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

/**
 * A statement whose SQL drizzle builds once per isolate instead of on every request: `build`
 * declares it with a placeholder for every value that varies, and each use binds those values.
 * Building the SQL of the statements an attempt runs was about a quarter of the Worker's CPU
 * per authentication (docs/benchmarks.md); their text and row mapping never change.
 */
export function compiledStatement<K extends string>(build: (db: Db, bind: Bind<K>) => Statement) {
  let template: Prepared | undefined;
  return (db: Db, values: Record<K, unknown>): Statement => {
    template ??= (build(db, (name) => sql.placeholder(name)) as unknown as { _prepare(): Prepared })._prepare();
    const shape = template;
    const { sql: text, params } = shape.getQuery();
    const query = { sql: text, params: fillPlaceholders(params, values) };
    const item = {
      _prepare: () => ({
        getQuery: () => query,
        stmt: db.$client.prepare(text),
        mapResult: (result: unknown, isFromBatch?: boolean) => shape.mapResult(result, isFromBatch),
      }),
      // Awaited on its own, like a drizzle query: a batch of one.
      then: <T>(onFulfilled?: (value: unknown) => T, onRejected?: (reason: unknown) => T) =>
        db.batch([item as unknown as Statement]).then(([result]) => result).then(onFulfilled, onRejected),
    };
    return item as unknown as Statement;
  };
}

/** One compiled statement per key (a modality, the kind of a user reference…), made on first use. */
export function compiledStatements<S extends string, K extends string>(build: (shape: S) => (db: Db, bind: Bind<K>) => Statement) {
  const byShape = new Map<S, ReturnType<typeof compiledStatement<K>>>();
  return (shape: S) => {
    let statement = byShape.get(shape);
    if (!statement) byShape.set(shape, (statement = compiledStatement(build(shape))));
    return statement;
  };
}
