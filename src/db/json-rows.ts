import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * A table's rows as JSON columns of one statement (a row of a join, or a correlated subquery's
 * rows), so that a read needs one statement where it would need one per table. Decoded, a row has
 * the shape and types `db.select().from(table)` gives it: every value goes through its column's
 * driver mapping (JSON text parsed, booleans).
 */
export interface JsonTable<Row> {
  /** The enclosing query's row of the table; null when a left join found none. */
  row(): SQL<Row | null>;
  /** The rows `where` selects, ordered by `orderBy`. */
  rows(where: SQL, orderBy: SQLiteColumn[]): SQL<Row[]>;
}

export function jsonTable<T extends SQLiteTable>(table: T): JsonTable<T["$inferSelect"]> {
  type Row = T["$inferSelect"];
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
  // A row travels as an array of its values in column order, not as an object: D1 prepares every
  // statement afresh, and the field names would double the expressions it compiles. Built once
  // per table, from the schema's names only.
  const values = sql.raw(`json_array(${columns.map(([, column]) => `"${name}"."${column.name}"`).join(", ")})`);
  const present = columns.find(([, column]) => column.notNull)![1];
  const decode = (raw: unknown[]): Row => {
    const row: Record<string, unknown> = {};
    columns.forEach(([field, column], i) => (row[field] = raw[i] === null ? null : column.mapFromDriverValue(raw[i])));
    return row as Row;
  };
  return {
    row: () => sql`CASE WHEN ${present} IS NULL THEN NULL ELSE ${values} END`.mapWith((text: string) => decode(JSON.parse(text) as unknown[])),
    rows: (where, orderBy) =>
      sql`(SELECT json_group_array(${values} ORDER BY ${sql.join(orderBy, sql`, `)}) FROM ${table} WHERE ${where})`.mapWith((text: string) =>
        (JSON.parse(text) as unknown[][]).map(decode),
      ),
  };
}
