#!/usr/bin/env node
// Server CPU time of the SRP-6a math per passcode authentication, measured with the project's own
// code (src/passcodes/srp/server.ts and what it imports, bundled with esbuild) in Node's V8 — the
// engine workerd runs.
//   node bench/srp-cpu.mjs [--iterations 100] [--warmup 10]
//
// Per group (2048, 3072, 4096) and hash (SHA-256, SHA-512), rfc5054 profile:
//   start    = serverEphemeral(suite, v, b)                 B = k·v + g^b           (1 modexp)
//   complete = verifyClientProof(suite, session, A, M1)    u, v^u, (A·v^u)^b, M1, M2 (2 modexps)
// with a fresh b (randomExponent()) per iteration and a valid client proof computed by
// bench/lib/srp-client.mjs (not timed), so every complete takes the "verified" path.
// Per call: process CPU time (process.cpuUsage, user + system, all threads — it includes the
// WebCrypto hashing, which Node runs off the main thread) and wall-clock (performance.now());
// the CPU figures are the ones to compare with the CPU limit, and are not inflated when other
// work on the machine preempts the process.
// Only the SRP math: the requests also verify the JWT, read D1, decrypt the verifier (AES-GCM),
// talk to the sessions Durable Object and write the audit record.
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as client from "./lib/srp-client.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { iterations: { type: "string", default: "100" }, warmup: { type: "string", default: "10" }, json: { type: "boolean", default: false } },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);
if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(warmup) || warmup < 0) throw new Error("--iterations >= 1 and --warmup >= 0 must be integers");

async function loadServer() {
  const result = await build({
    stdin: {
      contents: [
        'export { serverEphemeral, verifyClientProof, randomExponent } from "./src/passcodes/srp/server.ts";',
        'export { SRP_GROUPS } from "./src/passcodes/srp/groups.ts";',
      ].join("\n"),
      resolveDir: root,
      sourcefile: "srp-cpu-entry.ts",
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const dir = mkdtempSync(join(tmpdir(), "srp-cpu-"));
  const file = join(dir, "srp-server.mjs");
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
};
const fmt = (ms) => ms.toFixed(2);

async function measure(server, group, hash) {
  const { N, g } = server.SRP_GROUPS[group];
  const suite = { group: { N, g }, hash, profile: "rfc5054" };
  const clientSuite = client.suiteOf({ N: N.toString(16), g: g.toString(16), hash, profile: "rfc5054" });
  const identity = "5f0c4d2e-bench-user";
  const user = { identity, ...client.register(clientSuite, identity, "correct horse battery staple") };
  const cpuMs = ({ user, system }) => (user + system) / 1000;
  const rows = { start: [], complete: [], exchange: [], startWall: [], completeWall: [], exchangeWall: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    const b = server.randomExponent();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const B = await server.serverEphemeral(suite, user.v, b);
    const t1 = performance.now();
    const startCpu = cpuMs(process.cpuUsage(cpu0));

    const answer = client.proof(clientSuite, user, client.ephemeral(clientSuite), B); // not timed
    const A = BigInt(`0x${answer.A}`);
    const M1 = new Uint8Array(Buffer.from(answer.M1, "hex"));

    const cpu2 = process.cpuUsage();
    const t2 = performance.now();
    const check = await server.verifyClientProof(suite, { identity, salt: user.salt, v: user.v, b, B }, A, M1);
    const t3 = performance.now();
    const completeCpu = cpuMs(process.cpuUsage(cpu2));

    if (check.outcome !== "verified") throw new Error(`${group}/${hash}: the server did not verify a valid proof (${JSON.stringify(check)})`);
    if (Buffer.from(check.M2).toString("hex") !== answer.expectedM2) throw new Error(`${group}/${hash}: M2 differs from the client's`);
    if (i < warmup) continue;
    rows.start.push(startCpu);
    rows.complete.push(completeCpu);
    rows.exchange.push(startCpu + completeCpu);
    rows.startWall.push(t1 - t0);
    rows.completeWall.push(t3 - t2);
    rows.exchangeWall.push(t1 - t0 + (t3 - t2));
  }
  return { group, hash, iterations, ...Object.fromEntries(Object.entries(rows).map(([key, values]) => [key, summary(values)])) };
}

const server = await loadServer();
client.checkFastModPow(server.SRP_GROUPS[2048].N);
const results = [];
for (const group of [2048, 3072, 4096]) {
  for (const hash of ["SHA-256", "SHA-512"]) {
    const result = await measure(server, group, hash);
    results.push(result);
    console.error(`[srp-cpu] ${group} ${hash}: start ${fmt(result.start.median)} ms, complete ${fmt(result.complete.median)} ms CPU (median of ${iterations})`);
  }
}

if (values.json) {
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.versions.node, v8: process.versions.v8, iterations, warmup, results }, null, 2));
} else {
  console.log(`\n${new Date().toISOString()} — Node ${process.versions.node} (V8 ${process.versions.v8}), ${iterations} iterations after ${warmup} warm-up`);
  console.log("CPU ms = process CPU time (user + system, process.cpuUsage) per call; wall ms = performance.now()\n");
  console.log("| Group | Hash | start CPU median | start CPU p99 | complete CPU median | complete CPU p99 | exchange CPU median | exchange CPU p99 | exchange wall median |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.group} | ${r.hash} | ${fmt(r.start.median)} | ${fmt(r.start.p99)} | ${fmt(r.complete.median)} | ${fmt(r.complete.p99)} | ` +
        `${fmt(r.exchange.median)} | ${fmt(r.exchange.p99)} | ${fmt(r.exchangeWall.median)} |`,
    );
  }
  console.log("\nWorkers free plan: 10 ms CPU per request; start and complete are separate requests (each also verifies the JWT, reads D1, calls the sessions Durable Object).");
}
