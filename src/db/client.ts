import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import { meteredD1, type D1Meter } from "./meter";

export type Db = ReturnType<typeof database>;

// No schema: the relational query API is not used, and drizzle would rebuild its table map per request.
export function database(d1: D1Database) {
  return drizzle(d1);
}

/**
 * The one accessor through which every request reaches D1. All of a tenant's stores live in the
 * `DB` binding today; spreading stores over several databases changes this function alone.
 */
export function storeDatabase(bindings: { DB: D1Database }, _tenant: string, meter: D1Meter): Db {
  return database(meteredD1(bindings.DB, meter));
}

/** One round trip: the statements as one batch (an implicit transaction), their results in order. */
export function runBatch(db: Db, statements: readonly BatchItem<"sqlite">[]): Promise<unknown[]> {
  return db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]) as Promise<unknown[]>;
}
