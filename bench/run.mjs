#!/usr/bin/env node
// Load benchmark of the identity-store API against a throw-away local `wrangler dev`.
//   npm run bench [-- --duration 10 --connections 10 --users 100 --warmup 2 --only users.get --smoke]
//
// Starts its own wrangler dev (free port, fresh --persist-to dir, random secrets), creates the
// store "bench" and N users, then measures every operation in bench/operations/*.mjs with
// autocannon, prints a summary and a Markdown table, and writes bench/results/<timestamp>.json.
//
// Operation contract: every module in bench/operations/ exports `operations`, an array of
// operation objects; modules load in file-name order, operations run in array order.
//   {
//     name: "users.get",                 // unique; selects it with --only
//     description: "…",                  // one line for the report
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
import { startServer } from "./lib/server.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, "..");

// ---------------------------------------------------------------------------------------------
// Options

const USAGE = `usage: npm run bench -- [options]
  --duration S      measured seconds per operation (default 10)
  --connections N   concurrent connections (default 10)
  --users N         users created in the bench store before measuring (default 100)
  --warmup S        unmeasured seconds per operation before measuring (default 2)
  --only NAME       run only this operation (repeatable, or comma-separated)
  --smoke           quick harness check: 2 s per operation, no warm-up, 10 users
  --list            list the operations and exit
  --keep-state      keep the wrangler persist dir and log (path is printed)
  -h, --help        this text`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
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
  return {
    help: values.help,
    list: values.list,
    smoke,
    keepState: values["keep-state"],
    duration: number("duration", smoke ? 2 : 10, { min: 1, integer: true }),
    connections: number("connections", 10, { min: 1, integer: true }),
    users: number("users", smoke ? 10 : 100, { min: 1, integer: true }),
    warmup: number("warmup", smoke ? 0 : 2, { min: 0, integer: true }),
    only: (values.only ?? []).flatMap((entry) => entry.split(",")).map((name) => name.trim()).filter(Boolean),
  };
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
      operations.push({ ...value, source: `bench/operations/${file}` });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// Measuring

let currentInstance = null;

function runAutocannon(options) {
  return new Promise((resolvePromise, reject) => {
    currentInstance = autocannon(options, (error, result) => {
      currentInstance = null;
      if (error) reject(error);
      else resolvePromise(result);
    });
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

async function measure(operation, ctx) {
  const { options, server, api } = ctx;
  const state = operation.setup ? await operation.setup(ctx) : undefined;
  const requests = operation.requests(state, ctx);
  if (!Array.isArray(requests) || requests.length === 0) throw new Error(`${operation.name}: requests() must return a non-empty array`);
  const base = { url: server.baseUrl, connections: options.connections, headers: api.headers, timeout: 10 };

  if (options.warmup > 0) {
    log(`${operation.name}: warm-up ${options.warmup} s`);
    await runAutocannon({ ...base, duration: options.warmup, requests: withErrorSamples(requests, []) });
  }
  log(`${operation.name}: measuring ${options.duration} s with ${options.connections} connections`);
  const samples = [];
  const result = await runAutocannon({ ...base, duration: options.duration, requests: withErrorSamples(requests, samples), title: operation.name });

  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  return {
    name: operation.name,
    description: operation.description ?? "",
    source: operation.source,
    durationS: result.duration,
    connections: result.connections,
    requestsPerSecMean: round(result.requests.average, 1),
    requestsPerSecStddev: round(result.requests.stddev, 1),
    latencyMs: {
      mean: round(result.latency.average, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    errorSamples: samples,
  };
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

function markdownTable(results) {
  const lines = [
    "| Operation | req/s (mean) | p50 (ms) | p99 (ms) | requests | non-2xx | errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(`| \`${r.name}\` | ${r.requestsPerSecMean.toFixed(1)} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.totalRequests} | ${r.non2xx} | ${r.errors} |`);
  }
  return lines.join("\n");
}

function printSummary(results) {
  console.log("");
  for (const r of results) {
    const flag = r.non2xx > 0 || r.errors > 0 ? "  <-- ERRORS" : "";
    console.log(
      `${r.name.padEnd(18)} ${r.requestsPerSecMean.toFixed(1).padStart(9)} req/s   p50 ${String(r.latencyMs.p50).padStart(4)} ms   p99 ${String(r.latencyMs.p99).padStart(4)} ms   ` +
        `${String(r.totalRequests).padStart(7)} requests   non-2xx ${r.non2xx}   errors ${r.errors}${flag}`,
    );
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

let server = null;
let shuttingDown = false;

async function shutdown(code, why) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (why) log(why);
  currentInstance?.stop();
  try {
    await server?.stop();
  } finally {
    process.exit(code);
  }
}

process.on("SIGINT", () => void shutdown(130, "interrupted: stopping wrangler dev"));
process.on("SIGTERM", () => void shutdown(143, "terminated: stopping wrangler dev"));
process.on("SIGHUP", () => void shutdown(129, "hang-up: stopping wrangler dev"));
process.on("exit", () => server?.killNow());

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const all = await loadOperations();
  if (options.list) {
    for (const operation of all) console.log(`${operation.name.padEnd(18)} ${operation.description ?? ""}  (${operation.source})`);
    return 0;
  }
  const unknown = options.only.filter((name) => !all.some((operation) => operation.name === name));
  if (unknown.length > 0) throw new Error(`unknown operation(s) ${unknown.join(", ")}; known: ${all.map((o) => o.name).join(", ")}`);
  const selected = options.only.length > 0 ? all.filter((operation) => options.only.includes(operation.name)) : all;
  if (selected.length === 0) throw new Error("no operations found in bench/operations/");

  const started = new Date();
  const machine = machineFacts();
  const loadAtStart = loadavg().map((value) => round(value, 2));
  log(`${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, wrangler ${machine.wrangler}, autocannon ${machine.autocannon}`);
  if (loadAtStart[0] > machine.cpus / 2) {
    log(`WARNING: load average ${loadAtStart.join(" ")} before starting: other work on this machine will skew the figures`);
  }
  server = await startServer({ root, log, keepState: options.keepState });
  const token = await mintToken(server.secrets.AUTH_JWT_SECRET);
  const api = apiClient(server.baseUrl, token);
  const ctx = { options, server, api, token, runId: randomBytes(4).toString("hex"), cache: {}, log };

  const results = [];
  for (const operation of selected) {
    const result = await measure(operation, ctx);
    // Interrupted: shutdown() stops wrangler and exits; partial figures are not reported.
    if (shuttingDown) return new Promise(() => {});
    results.push(result);
  }

  const finished = new Date();
  await server.stop();
  if (options.keepState) log(`kept state dir ${server.stateDir} (log ${server.logPath})`);
  server = null;

  const ok = results.every((r) => r.non2xx === 0 && r.errors === 0);
  const report = {
    date: started.toISOString(),
    finished: finished.toISOString(),
    command: commandLine(argv),
    ok,
    options: { duration: options.duration, connections: options.connections, users: options.users, warmup: options.warmup, smoke: options.smoke, only: options.only },
    machine,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((value) => round(value, 2)) },
    target: "wrangler dev --local (workerd via miniflare), 127.0.0.1, fresh persist dir",
    operations: results,
  };
  const resultsDir = join(benchDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${timestamp(started)}${options.smoke ? "-smoke" : ""}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  printSummary(results);
  console.log(`\nMarkdown (${report.date.slice(0, 10)}, \`${report.command}\`, ${machine.cpus} CPUs, Node ${machine.node}, wrangler ${machine.wrangler}):\n`);
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
