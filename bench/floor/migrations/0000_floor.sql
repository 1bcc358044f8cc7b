-- The floor Worker's tables: `items`, read by primary key (like a user row), and `events`, an
-- append-only audit-like log written with the counter update in one batch.
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- 1000 rows: ids 1 … 1000 (bench/run.mjs rotates over the first --users of them).
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1000)
INSERT INTO items (id, name) SELECT n, 'item-' || n FROM seq;
