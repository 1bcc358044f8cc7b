// The floor: what the least work per request costs on the same set-up (bench/floor/, a second
// throw-away wrangler dev started by bench/run.mjs). Every operation names the floor variant it is
// compared with (`floor: "jwt-read"`), and may carry targets relative to it (`targets: [...]`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { uniqueBody, rotatePaths } from "./requests.mjs";

/** The floor Worker's wrangler config, relative to the project root. */
export const FLOOR_CONFIG = "bench/floor/wrangler.toml";
/** Rows seeded by bench/floor/migrations/0000_floor.sql (ids 1 … FLOOR_ROWS). */
export const FLOOR_ROWS = 1000;
/** Floor rows are named `floor.<variant>` in reports and for --only. */
export const FLOOR_PREFIX = "floor.";

/** Row ids the read variants rotate over: as many as the operations' users (--users), at most FLOOR_ROWS. */
const rowCount = (ctx) => Math.min(ctx.options.users, FLOOR_ROWS);

/**
 * With --floor-platform the floor also pays for the rate limit binding calls the project is
 * required to make, so that the ratio shows what the project's own code costs: its authenticated
 * variants call the tenant rate limit binding once per request (`/rate-limited/…`; locally a
 * Durable Object with a SQLite write per call), `jwt-attempt` also the attempt rate limit binding.
 * Rows are `floor.<variant>+platform`.
 */
export const PLATFORM_SUFFIX = "+platform";
const limited = (ctx, path) => (ctx.options.floorPlatform ? `/rate-limited${path}` : path);

/** A variant that POSTs `{id}` to `/<name>`, rotating over the rows. */
const readAndBatch = (name, work) => ({
  name,
  description: `POST /${name} {id}: ${work}`,
  authenticated: true,
  requests: (ctx) => [{ method: "POST", path: limited(ctx, `/${name}`), setupRequest: uniqueBody((n) => ({ id: (n % rowCount(ctx)) + 1 })) }],
});

export const floorVariants = [
  {
    name: "noop",
    description: "GET /noop: no auth, no database (the floor Worker's ceiling)",
    requests: () => [{ method: "GET", path: "/noop" }],
  },
  {
    name: "jwt",
    description: "GET /jwt: bearer token verified (jose, HS256, as src/http/auth.ts)",
    authenticated: true,
    requests: (ctx) => [{ method: "GET", path: limited(ctx, "/jwt") }],
  },
  {
    name: "jwt-read",
    description: "GET /jwt-read?id=N: token + one D1 SELECT of one row by primary key",
    authenticated: true,
    requests: (ctx) => [{ method: "GET", setupRequest: rotatePaths(Array.from({ length: rowCount(ctx) }, (_, i) => limited(ctx, `/jwt-read?id=${i + 1}`))) }],
  },
  readAndBatch("jwt-read-batch", "token + one D1 read + one db.batch() of two writes (UPDATE counter, INSERT event)"),
  readAndBatch("jwt-attempt", "the work of jwt-read-batch; with --floor-platform also one attempt rate limit call between the read and the batch, as every counted attempt makes"),
];

export const floorVariant = (name) => floorVariants.find((variant) => variant.name === name);

/**
 * compatibility_date and compatibility_flags of a wrangler.toml (top-level keys, one line each as
 * this project writes them).
 */
function compatibility(path) {
  const text = readFileSync(path, "utf8");
  const value = (key) => new RegExp(`^${key}\\s*=\\s*([^#\\n]*)`, "m").exec(text)?.[1].trim() ?? "";
  return { date: value("compatibility_date"), flags: value("compatibility_flags").replace(/\s+/g, "") };
}

/** Throws unless the floor Worker runs with the project's compatibility date and flags. */
export function checkFloorConfig(root) {
  const main = compatibility(join(root, "wrangler.toml"));
  const floor = compatibility(join(root, FLOOR_CONFIG));
  if (main.date !== floor.date || main.flags !== floor.flags) {
    throw new Error(
      `${FLOOR_CONFIG} must use the compatibility date and flags of wrangler.toml ` +
        `(wrangler.toml: ${main.date} ${main.flags}; floor: ${floor.date} ${floor.flags})`,
    );
  }
  return main;
}

/**
 * Targets of an operation relative to its floor (printed, never enforced):
 *   { minRatio: 0.7, when: "c>1", note: "set at c=16" }   operation req/s ≥ 0.7 × floor req/s
 *   { maxP50DiffMs: 1.5, when: "c=1" }                     operation p50 ≤ floor p50 + 1.5 ms
 * `when` ("c=1", "c>1", omitted = any) selects the connection counts the target applies to.
 * Returns [{ text, verdict: "meets" | "below" }] for the targets that apply at `connections`.
 */
export function evaluateTargets(targets = [], connections, { ratio, p50DiffMs }) {
  const applies = ({ when }) => !when || (when === "c=1" ? connections === 1 : when === "c>1" ? connections > 1 : false);
  return targets.filter(applies).map((target) => {
    const note = target.note ? ` (${target.note})` : "";
    if (target.minRatio !== undefined) {
      return { text: `ratio ≥ ${target.minRatio.toFixed(2)}${note}`, verdict: ratio >= target.minRatio ? "meets" : "below" };
    }
    return { text: `Δp50 ≤ +${target.maxP50DiffMs} ms${note}`, verdict: p50DiffMs <= target.maxP50DiffMs ? "meets" : "below" };
  });
}
