#!/usr/bin/env node
// Load benchmark of the identity-store API against a throw-away local `wrangler dev`.
//   npm run bench [-- --duration 10 --connections 10 --users 100 --warmup 2 --only users.get --smoke]
//
// Starts its own wrangler dev (free port, fresh --persist-to dir, random secrets) and a second one
// of the floor Worker (bench/floor/: the least work a route can do, same secret), creates the
// store "bench" and N users, then measures every operation in bench/operations/*.mjs with
// autocannon in alternating rounds with its floor variant (round 1: operation, floor; round 2:
// floor, operation; …), prints a summary, the ratio to the floor and the targets, Markdown tables,
// and writes bench/results/<timestamp>.json.
//
// Operation contract: every module in bench/operations/ exports `operations`, an array of
// operation objects; modules load in file-name order, operations run in array order.
//   {
//     name: "users.get",                 // unique; selects it with --only
//     description: "…",                  // one line for the report
//     floor: "jwt-read",                 // optional: the floor variant compared with (bench/lib/floor.mjs)
//     targets: [{ minRatio: 0.7 }],      // optional: relative to the floor, printed, never enforced
//     async setup(ctx) { return state }, // optional; ctx.api is a JSON client with the bench token,
//                                        // ctx.cache memoizes shared fixtures (bench/lib/fixtures.mjs),
//                                        // ctx.options holds the CLI options, ctx.runId is unique per run
//     requests(state, ctx) { return [ { method, path?, body?, setupRequest? }, … ] },
//   }
// requests() is the autocannon `requests` array. The bearer token and content-type headers are
// added by the runner. Every non-2xx response counts as an error of the operation.
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, platform, release } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { apiClient, mintToken } from "./lib/api.mjs";
import { checkFloorConfig, evaluateTargets, FLOOR_CONFIG, FLOOR_PREFIX, floorVariant, floorVariants, PLATFORM_SUFFIX } from "./lib/floor.mjs";
import { newSecrets, startServer } from "./lib/server.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, "..");

// ---------------------------------------------------------------------------------------------
// Options

const USAGE = `usage: npm run bench -- [options]
  --duration S      measured seconds per operation and round (default 10)
  --rounds R        measured rounds per operation, alternating with its floor (default 2)
  --connections N   concurrent connections (default 10; 1 for latency without queueing)
  --users N         users created in the bench store before measuring (default 100)
  --warmup S        unmeasured seconds per operation (and per floor) before round 1 (default 2)
  --only NAME       run only this operation (repeatable, or comma-separated); floor.noop,
                    floor.jwt, floor.jwt-read, floor.jwt-read-batch, floor.jwt-attempt measure a floor
                    variant alone
  --no-floor        do not start the floor Worker; operations are measured alone
  --floor-platform  the floor also makes the rate limit binding calls the project must make: the
                    tenant's on every request (locally a Durable Object), for the attempts' floor also
                    the attempt's (rows floor.<variant>+platform): the ratio is then what the
                    project's own code costs
  --smoke           quick harness check: 2 s per operation and round, no warm-up, 10 users
  --list            list the operations and exit
  --keep-state      keep the wrangler persist dir and log (path is printed)
  -h, --help        this text`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      rounds: { type: "string" },
      "no-floor": { type: "boolean", default: false },
      "floor-platform": { type: "boolean", default: false },
      connections: { type: "string" },
      users: { type: "string" },
      warmup: { type: "string" },
      only: { type: "string", multiple: true },
      smoke: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      "keep-state": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const number = (name, fallback, { min = 0, integer = false } = {}) => {
    if (values[name] === undefined) return fallback;
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new Error(`--${name} must be a${integer ? "n integer" : " number"} >= ${min}, got "${values[name]}"`);
    }
    return value;
  };
  const smoke = values.smoke;
  const options = {
    help: values.help,
    list: values.list,
    smoke,
    keepState: values["keep-state"],
    floor: !values["no-floor"],
    floorPlatform: values["floor-platform"],
    duration: number("duration", smoke ? 2 : 10, { min: 1, integer: true }),
    rounds: number("rounds", 2, { min: 1, integer: true }),
    connections: number("connections", 10, { min: 1, integer: true }),
    users: number("users", smoke ? 10 : 100, { min: 1, integer: true }),
    warmup: number("warmup", smoke ? 0 : 2, { min: 0, integer: true }),
    only: (values.only ?? []).flatMap((entry) => entry.split(",")).map((name) => name.trim()).filter(Boolean),
  };
  /** Seconds of load one operation gets: warm-up + every round (sizes fixture pools: TOTP users, SRP ephemerals). */
  options.loadSeconds = options.warmup + options.rounds * options.duration;
  return options;
}

// ---------------------------------------------------------------------------------------------
// Operations

async function loadOperations() {
  const dir = join(benchDir, "operations");
  const files = readdirSync(dir).filter((file) => file.endsWith(".mjs")).sort();
  const operations = [];
  const seen = new Map();
  for (const file of files) {
    const module = await import(pathToFileURL(join(dir, file)).href);
    if (!Array.isArray(module.operations)) throw new Error(`bench/operations/${file} must export \`operations\`, an array of operation objects`);
    for (const [index, value] of module.operations.entries()) {
      if (!value || typeof value.name !== "string" || typeof value.requests !== "function") {
        throw new Error(`bench/operations/${file}: operations[${index}] needs a string \`name\` and a \`requests\` function`);
      }
      if (seen.has(value.name)) throw new Error(`operation name "${value.name}" is used twice (${seen.get(value.name)} and ${file})`);
      seen.set(value.name, file);
      if (value.floor !== undefined && !floorVariant(value.floor)) {
        throw new Error(`bench/operations/${file}: ${value.name} names the unknown floor "${value.floor}"; known: ${floorVariants.map((v) => v.name).join(", ")}`);
      }
      operations.push({ ...value, source: `bench/operations/${file}` });
    }
  }
  return operations;
}

/** The floor variants as operations of their own (`floor.<name>`), run against the floor Worker. */
const floorOperations = (options) =>
  floorVariants.map((variant) => ({
    name: `${FLOOR_PREFIX}${variant.name}${options.floorPlatform && variant.authenticated ? PLATFORM_SUFFIX : ""}`,
    variant: variant.name,
    description: variant.description,
    source: FLOOR_CONFIG,
    onFloor: true,
    requests: (_state, ctx) => variant.requests(ctx),
  }));

/** Reference rows of a run without --only, measured alone (the other variants come paired with operations). */
const REFERENCE_FLOORS = ["noop", "jwt"];

// ---------------------------------------------------------------------------------------------
// Measuring

let currentInstance = null;

function runAutocannon(options, onResponse) {
  return new Promise((resolvePromise, reject) => {
    currentInstance = autocannon(options, (error, result) => {
      currentInstance = null;
      if (error) reject(error);
      else resolvePromise(result);
    });
    // Every response's latency (fractional ms), so that rounds can be merged into one distribution.
    if (onResponse) currentInstance.on("response", onResponse);
  });
}

/** The operation's requests with an onResponse that keeps a few non-2xx bodies for the report. */
function withErrorSamples(requests, samples) {
  return requests.map((request) => {
    const original = request.onResponse;
    return {
      ...request,
      onResponse(status, body, context, headers) {
        if ((status < 200 || status > 299) && samples.length < 3) samples.push({ status, body: String(body).slice(0, 500) });
        if (original) original(status, body, context, headers);
      },
    };
  });
}

/**
 * A measured subject (an operation, or a floor variant) against its server: setup() once, then
 * warmUp() and any number of measureRound(); summary() merges the rounds.
 */
async function prepare(operation, ctx) {
  const { options, api } = ctx;
  const server = operation.onFloor ? ctx.floor : ctx.server;
  const state = operation.setup ? await operation.setup(ctx) : undefined;
  const requests = operation.requests(state, ctx);
  if (!Array.isArray(requests) || requests.length === 0) throw new Error(`${operation.name}: requests() must return a non-empty array`);
  const base = { url: server.baseUrl, connections: options.connections, headers: api.headers, timeout: 10 };
  const samples = [];
  const latencies = [];
  const rounds = [];
  return {
    name: operation.name,
    async warmUp() {
      if (options.warmup === 0) return;
      log(`${operation.name}: warm-up ${options.warmup} s`);
      await runAutocannon({ ...base, duration: options.warmup, requests: withErrorSamples(requests, []) });
    },
    async measureRound(index) {
      log(`${operation.name}: round ${index + 1}/${options.rounds}, measuring ${options.duration} s with ${options.connections} connections`);
      const result = await runAutocannon(
        { ...base, duration: options.duration, requests: withErrorSamples(requests, samples), title: operation.name },
        (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs),
      );
      rounds.push(result);
    },
    summary: () => summarize(operation, rounds, latencies, samples),
  };
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);

function summarize(operation, rounds, latencies, samples) {
  const sorted = Float64Array.from(latencies).sort();
  const sum = (pick) => rounds.reduce((total, r) => total + pick(r), 0);
  const statusCodes = {};
  for (const r of rounds) {
    for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + Number(count);
  }
  const perRound = rounds.map((r) => round(r.requests.average, 1));
  return {
    name: operation.name,
    description: operation.description ?? "",
    source: operation.source,
    floor: operation.onFloor ? null : (operation.floor ?? null),
    rounds: rounds.length,
    durationS: sum((r) => r.duration),
    connections: rounds[0]?.connections,
    // Mean over the rounds of autocannon's per-round mean of one-second samples.
    requestsPerSecMean: round(perRound.reduce((a, b) => a + b, 0) / Math.max(1, perRound.length), 1),
    requestsPerSecPerRound: perRound,
    requestsPerSecStddevPerRound: rounds.map((r) => round(r.requests.stddev, 1)),
    // Percentiles of every response of every round (fractional ms, from autocannon's "response" events).
    latencyMs: {
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 2),
      p50: round(percentile(sorted, 50), 2),
      p90: round(percentile(sorted, 90), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(sorted.length ? sorted[sorted.length - 1] : 0, 2),
    },
    p50MsPerRound: rounds.map((r) => r.latency.p50),
    totalRequests: sum((r) => r.requests.total),
    non2xx: sum((r) => r.non2xx),
    statusCodes,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    errorSamples: samples,
  };
}

/**
 * One operation, and its floor variant when it has one: warm-up of both, then `rounds` rounds,
 * alternating which one goes first (round 1: operation then floor; round 2: floor then
 * operation; …), so slow drifts of the machine hit both alike.
 */
async function measurePair(operation, ctx) {
  const subject = await prepare(operation, ctx);
  const variant = ctx.floor && operation.floor ? floorOperations(ctx.options).find((f) => f.variant === operation.floor) : null;
  const floor = variant ? await prepare(variant, ctx) : null;
  await subject.warmUp();
  if (floor) await floor.warmUp();
  for (let index = 0; index < ctx.options.rounds; index++) {
    const order = floor ? (index % 2 === 0 ? [subject, floor] : [floor, subject]) : [subject];
    for (const part of order) {
      await part.measureRound(index);
      if (shuttingDown) return null;
    }
  }
  const result = subject.summary();
  if (!floor) return { result, floorResult: null };
  const floorResult = floor.summary();
  const ratio = floorResult.requestsPerSecMean > 0 ? result.requestsPerSecMean / floorResult.requestsPerSecMean : 0;
  const p50DiffMs = result.latencyMs.p50 - floorResult.latencyMs.p50;
  result.comparison = {
    floor: floorResult.name,
    ratio: round(ratio, 3),
    ratioPerRound: result.requestsPerSecPerRound.map((value, i) => round(value / (floorResult.requestsPerSecPerRound[i] || Infinity), 3)),
    p50DiffMs: round(p50DiffMs, 2),
    targets: evaluateTargets(operation.targets, ctx.options.connections, { ratio, p50DiffMs }),
  };
  return { result, floorResult };
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Reporting

function log(message) {
  console.error(`[bench] ${message}`);
}

function machineFacts() {
  const version = (name) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return "unknown";
    }
  };
  const git = (...args) => {
    try {
      return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? "unknown",
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    wrangler: version("wrangler"),
    autocannon: version("autocannon"),
    gitCommit: git("rev-parse", "--short", "HEAD"),
    gitDirty: git("status", "--porcelain") ? true : false,
  };
}

function commandLine(argv) {
  const args = argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(" ");
  if (process.env.npm_lifecycle_event === "bench") return args ? `npm run bench -- ${args}` : "npm run bench";
  return `node bench/run.mjs${args ? ` ${args}` : ""}`;
}

const ms = (value) => value.toFixed(1);
const signedMs = (value) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)}`;
const targetText = (c) => (c.targets.length === 0 ? "—" : c.targets.map((t) => `${t.text}: ${t.verdict}`).join("; "));

function markdownTable(results) {
  const lines = [
    "| Row | req/s (mean) | p50 (ms) | p99 (ms) | requests | non-2xx | errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(`| \`${r.name}\` | ${r.requestsPerSecMean.toFixed(1)} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p99)} | ${r.totalRequests} | ${r.non2xx} | ${r.errors} |`);
  }
  return lines.join("\n");
}

/** rows: [{ result, floorResult }] (floorResult null for a row measured alone). */
function comparisonTable(rows) {
  const lines = [
    "| Operation | req/s | p50 (ms) | p99 (ms) | Floor | floor req/s | floor p50 | floor p99 | ratio | Δp50 (ms) | Target |",
    "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const { result: r, floorResult: f } of rows) {
    const c = r.comparison;
    const floorCells = f ? `\`${f.name}\` | ${f.requestsPerSecMean.toFixed(1)} | ${ms(f.latencyMs.p50)} | ${ms(f.latencyMs.p99)} | ${c.ratio.toFixed(2)} | ${signedMs(c.p50DiffMs)} | ${targetText(c)}` : "— | | | | | | reference";
    lines.push(`| \`${r.name}\` | ${r.requestsPerSecMean.toFixed(1)} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p99)} | ${floorCells} |`);
  }
  return lines.join("\n");
}

function printSummary(rows) {
  const line = (r, width = 22) =>
    `${r.name.padEnd(width)} ${r.requestsPerSecMean.toFixed(1).padStart(8)} req/s   p50 ${ms(r.latencyMs.p50).padStart(6)} ms   p99 ${ms(r.latencyMs.p99).padStart(6)} ms   ` +
    `${String(r.totalRequests).padStart(7)} requests   non-2xx ${r.non2xx}   errors ${r.errors}   rounds ${r.requestsPerSecPerRound.join(" / ")} req/s` +
    `${r.non2xx > 0 || r.errors > 0 ? "  <-- ERRORS" : ""}`;
  console.log("");
  for (const { result: r, floorResult: f } of rows) {
    console.log(line(r));
    const c = r.comparison;
    if (!c) continue;
    console.log(`  vs ${line(f, 17)}`);
    console.log(`  → ratio ${c.ratio.toFixed(2)} (per round ${c.ratioPerRound.map((x) => x.toFixed(2)).join(" / ")})   Δp50 ${signedMs(c.p50DiffMs)} ms   target: ${targetText(c)}`);
  }
}

function printErrors(results) {
  const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (bad.length === 0) return;
  const bar = "!".repeat(78);
  console.log(`\n${bar}`);
  console.log("!!! THIS RUN HAD ERRORS: the figures below include failed requests and are NOT valid.");
  for (const r of bad) {
    console.log(`!!! ${r.name}: ${r.non2xx} non-2xx of ${r.totalRequests} (status codes ${JSON.stringify(r.statusCodes)}), ${r.errors} connection errors, ${r.timeouts} timeouts`);
    for (const sample of r.errorSamples) console.log(`!!!     ${sample.status}: ${sample.body.replace(/\s+/g, " ")}`);
  }
  console.log(bar);
}

function timestamp(date) {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
}

// ---------------------------------------------------------------------------------------------
// Main

/** The running wrangler dev handles (the project's, the floor's). */
let servers = [];
let shuttingDown = false;

async function stopServers() {
  const running = servers;
  servers = [];
  await Promise.allSettled(running.map((handle) => handle.stop()));
}

async function shutdown(code, why) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (why) log(why);
  currentInstance?.stop();
  try {
    await stopServers();
  } finally {
    process.exit(code);
  }
}

process.on("SIGINT", () => void shutdown(130, "interrupted: stopping wrangler dev"));
process.on("SIGTERM", () => void shutdown(143, "terminated: stopping wrangler dev"));
process.on("SIGHUP", () => void shutdown(129, "hang-up: stopping wrangler dev"));
process.on("exit", () => servers.forEach((handle) => handle.killNow()));

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const operations = await loadOperations();
  const floors = floorOperations(options);
  const all = [...operations, ...floors];
  if (options.list) {
    for (const operation of all) {
      const floor = operation.floor ? `  [floor ${FLOOR_PREFIX}${operation.floor}]` : "";
      console.log(`${operation.name.padEnd(22)} ${operation.description ?? ""}  (${operation.source})${floor}`);
    }
    return 0;
  }
  const unknown = options.only.filter((name) => !all.some((operation) => operation.name === name));
  if (unknown.length > 0) throw new Error(`unknown operation(s) ${unknown.join(", ")}; known: ${all.map((o) => o.name).join(", ")}`);
  const selected = options.only.length > 0 ? all.filter((operation) => options.only.includes(operation.name)) : [...floors.filter((f) => REFERENCE_FLOORS.includes(f.variant)), ...operations];
  if (selected.length === 0) throw new Error("no operations found in bench/operations/");
  if (!options.floor && selected.some((operation) => operation.onFloor)) throw new Error("--no-floor: the floor rows (floor.*) cannot be measured");
  const compatibility = options.floor ? checkFloorConfig(root) : null;
  if (options.floorPlatform && !options.floor) throw new Error("--floor-platform and --no-floor exclude each other");

  const started = new Date();
  const machine = machineFacts();
  const loadAtStart = loadavg().map((value) => round(value, 2));
  log(`${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, wrangler ${machine.wrangler}, autocannon ${machine.autocannon}`);
  if (loadAtStart[0] > machine.cpus / 2) {
    log(`WARNING: load average ${loadAtStart.join(" ")} before starting: other work on this machine will skew the figures`);
  }
  // Both servers get the same secrets, so the one token is valid on both. Started side by side:
  // each runs its migrations, then both wrangler dev boot at once.
  const secrets = newSecrets();
  const starting = [
    startServer({ root, secrets, log, keepState: options.keepState }),
    ...(options.floor
      ? [startServer({ root, config: FLOOR_CONFIG, readyPath: "/noop", secrets: { AUTH_JWT_SECRET: secrets.AUTH_JWT_SECRET }, name: "identity-store-bench-floor", log, keepState: options.keepState })]
      : []),
  ];
  const outcomes = await Promise.allSettled(starting);
  servers = outcomes.filter((s) => s.status === "fulfilled").map((s) => s.value);
  const failed = outcomes.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  const [server, floor = null] = servers;
  if (floor) log(`floor Worker (${FLOOR_CONFIG}, compatibility ${compatibility.date} ${compatibility.flags}) on ${floor.baseUrl}`);
  const token = await mintToken(secrets.AUTH_JWT_SECRET);
  const api = apiClient(server.baseUrl, token);
  const ctx = { options, server, floor, api, token, runId: randomBytes(4).toString("hex"), cache: {}, log };

  const results = [];
  const rows = [];
  for (const operation of selected) {
    const measured = await measurePair(operation, ctx);
    // Interrupted: shutdown() stops wrangler and exits; partial figures are not reported.
    if (shuttingDown || !measured) return new Promise(() => {});
    rows.push(measured);
    results.push(measured.result);
    if (measured.floorResult) results.push(measured.floorResult);
  }

  const finished = new Date();
  const kept = servers.map((handle) => `${handle.stateDir} (log ${handle.logPath})`);
  await stopServers();
  if (options.keepState) log(`kept state dirs ${kept.join(", ")}`);

  const ok = results.every((r) => r.non2xx === 0 && r.errors === 0);
  const report = {
    date: started.toISOString(),
    finished: finished.toISOString(),
    command: commandLine(argv),
    ok,
    options: { duration: options.duration, rounds: options.rounds, connections: options.connections, users: options.users, warmup: options.warmup, smoke: options.smoke, floor: options.floor, floorPlatform: options.floorPlatform, only: options.only },
    machine,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((value) => round(value, 2)) },
    target: "wrangler dev --local (workerd via miniflare), 127.0.0.1, fresh persist dir",
    floor: floor ? { config: FLOOR_CONFIG, platform: options.floorPlatform, compatibilityDate: compatibility.date, compatibilityFlags: compatibility.flags } : null,
    // Each operation row; a paired floor variant's row follows it (also in `comparison.floor`).
    operations: results,
  };
  const resultsDir = join(benchDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${timestamp(started)}${options.smoke ? "-smoke" : ""}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  printSummary(rows);
  const caption = `${report.date.slice(0, 10)}, \`${report.command}\`, ${options.connections} connection${options.connections === 1 ? "" : "s"}, ${options.rounds} × ${options.duration} s, ${machine.cpus} CPUs, Node ${machine.node}, wrangler ${machine.wrangler}`;
  if (floor) {
    console.log(`\nMarkdown, against the floor (${caption}; ratio = req/s ÷ floor req/s, Δp50 = p50 − floor p50):\n`);
    console.log(comparisonTable(rows));
  }
  console.log(`\nMarkdown, every row (${caption}):\n`);
  console.log(markdownTable(results));
  console.log(`\nResults written to ${relative(root, file)}`);
  printErrors(results);
  return ok ? 0 : 1;
}

main().then(
  (code) => shutdown(code),
  (error) => {
    if (shuttingDown) return undefined; // interrupted mid-step: shutdown() is already exiting
    console.error(`\n[bench] FAILED: ${error instanceof Error ? error.message : error}`);
    return shutdown(2);
  },
);
