#!/usr/bin/env node
// Face accuracy benchmark: every pair of ../shared/face-images/labelled through the real face service.
//   node bench/face-accuracy.mjs [--threshold 0.5] [--D 1.15] [--json out.json]
//
// Starts containers/face (needs `npm ci --prefix containers/face`) on a free port, or uses
// FACE_SERVICE_URL when set. Gets one template per labelled image (8 identities × 5 = 40), then for
// all 780 pairs (80 genuine, 700 impostor) computes the Euclidean distance d between the 128-d
// descriptors and the similarity score
//
//     score = max(0, 1 − d / D)          (D = 1.15 by default; score ≥ threshold ⇔ d ≤ (1 − threshold)·D)
//
// so with the default threshold 0.5 a pair matches when d ≤ 0.575 (face-api's customary match
// distance is 0.6). Prints the score and distance distributions, FMR and FNMR at the threshold,
// the threshold that gives FMR 0 with the lowest FNMR, and the time per image.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const serviceDir = join(root, "containers", "face");
const imagesDir = resolve(root, "..", "shared", "face-images", "labelled");

const { values: opts } = parseArgs({
  options: {
    threshold: { type: "string", default: "0.5" },
    D: { type: "string", default: "1.15" },
    json: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (opts.help) {
  console.log("usage: node bench/face-accuracy.mjs [--threshold 0.5] [--D 1.15] [--json out.json]");
  process.exit(0);
}
const THRESHOLD = Number(opts.threshold);
const D = Number(opts.D);
if (!(THRESHOLD >= 0 && THRESHOLD <= 1) || !(D > 0)) throw new Error("--threshold must be in 0..1 and --D > 0");

export const similarity = (d, scale = D) => Math.max(0, 1 - d / scale);

// ---------------------------------------------------------------------------------------------
// Service

async function startService() {
  if (process.env.FACE_SERVICE_URL) {
    return { url: process.env.FACE_SERVICE_URL.replace(/\/$/, ""), stop: async () => {}, startupMs: null, modelLoadMs: null };
  }
  if (!existsSync(join(serviceDir, "node_modules", "@vladmandic", "face-api"))) {
    throw new Error("containers/face is not installed: run `npm ci --prefix containers/face` first");
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, ["src/server.mjs"], {
    cwd: serviceDir,
    env: { ...process.env, FACE_PORT: "0", FACE_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let modelLoadMs = null;
  const url = await new Promise((resolveUrl, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("face service did not start in 120 s")), 120_000);
    child.stdout.on("data", (d) => {
      buf += d;
      for (const line of buf.split("\n")) {
        if (!line.startsWith("{")) continue;
        let msg;
        try { msg = JSON.parse(line); } catch { continue; }
        if (msg.msg === "face service listening") { clearTimeout(timer); resolveUrl(msg.url); }
        if (msg.msg === "face service ready") modelLoadMs = msg.modelLoadMs;
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`face service exited with ${code}`)); });
  });
  for (const deadline = Date.now() + 120_000; ;) {
    const r = await fetch(`${url}/healthz`).catch(() => null);
    if (r?.status === 200) { await r.body?.cancel(); break; }
    await r?.body?.cancel();
    if (Date.now() > deadline) throw new Error("face service not healthy in 120 s");
    await new Promise((r2) => setTimeout(r2, 50));
  }
  const startupMs = performance.now() - t0;
  const stop = () => new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once("exit", () => res());
    child.kill("SIGTERM");
  });
  return { url, stop, startupMs, modelLoadMs };
}

async function template(url, bytes) {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/templates`, { method: "POST", headers: { "content-type": "image/png" }, body: bytes });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 200) return { ok: false, status: res.status, error: body.error, ms };
  const buf = Buffer.from(body.template, "base64");
  const desc = new Float32Array(body.dim);
  for (let i = 0; i < body.dim; i++) desc[i] = buf.readFloatLE(i * 4);
  return { ok: true, desc, detectionScore: body.detectionScore, box: body.box, ms };
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile of a sorted array. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
function dist(a) {
  const s = [...a].sort((x, y) => x - y);
  return { n: s.length, min: s[0], p5: pct(s, 5), median: pct(s, 50), p95: pct(s, 95), max: s.at(-1) };
}
const euclid = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};
const f3 = (x) => (x == null ? "-" : x.toFixed(3));
const pctStr = (num, den) => `${((100 * num) / den).toFixed(2)} % (${num}/${den})`;

// ---------------------------------------------------------------------------------------------

const images = [];
for (const id of readdirSync(imagesDir).sort()) {
  const dir = join(imagesDir, id);
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".png")).sort()) images.push({ id, file: f, path: join(dir, f) });
}
if (images.length === 0) throw new Error(`no images in ${imagesDir}`);

const svc = await startService();
let report;
try {
  // One warm-up request (first inference compiles WASM kernels), timed separately.
  const warm = await template(svc.url, readFileSync(images[0].path));
  const results = [];
  for (const im of images) results.push({ ...im, ...(await template(svc.url, readFileSync(im.path))) });
  const enrolled = results.filter((r) => r.ok);
  const failures = results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.status} ${r.error}`);

  const genuine = [];
  const impostor = [];
  for (let i = 0; i < enrolled.length; i++) {
    for (let j = i + 1; j < enrolled.length; j++) {
      const d = euclid(enrolled[i].desc, enrolled[j].desc);
      const pair = { a: enrolled[i].file, b: enrolled[j].file, d, score: similarity(d) };
      (enrolled[i].id === enrolled[j].id ? genuine : impostor).push(pair);
    }
  }
  const fmrAt = (t) => impostor.filter((p) => p.score >= t).length;
  const fnmrAt = (t) => genuine.filter((p) => p.score < t).length;
  // Lowest threshold (3 decimals) with no impostor accepted.
  const maxImpostor = Math.max(...impostor.map((p) => p.score));
  const zeroFmrThreshold = Math.floor(maxImpostor * 1000 + 1) / 1000;
  const sweep = [];
  for (let t = 0.4; t <= 0.601; t += 0.02) sweep.push({ threshold: Number(t.toFixed(2)), fmr: fmrAt(t), fnmr: fnmrAt(t) });
  const times = results.map((r) => r.ms).sort((a, b) => a - b);

  report = {
    date: new Date().toISOString(),
    formula: `score = max(0, 1 - d / ${D}), d = Euclidean distance of the 128-d descriptors`,
    D,
    threshold: THRESHOLD,
    thresholdDistance: (1 - THRESHOLD) * D,
    images: images.length,
    enrolled: enrolled.length,
    failures,
    pairs: { genuine: genuine.length, impostor: impostor.length },
    genuineScore: dist(genuine.map((p) => p.score)),
    impostorScore: dist(impostor.map((p) => p.score)),
    genuineDistance: dist(genuine.map((p) => p.d)),
    impostorDistance: dist(impostor.map((p) => p.d)),
    atThreshold: { fmr: fmrAt(THRESHOLD), fnmr: fnmrAt(THRESHOLD) },
    zeroFmr: { threshold: zeroFmrThreshold, distance: (1 - zeroFmrThreshold) * D, fnmr: fnmrAt(zeroFmrThreshold) },
    sweep,
    worstGenuine: [...genuine].sort((x, y) => y.d - x.d).slice(0, 5).map((p) => `${p.a}~${p.b} d=${f3(p.d)} score=${f3(p.score)}`),
    closestImpostor: [...impostor].sort((x, y) => x.d - y.d).slice(0, 5).map((p) => `${p.a}~${p.b} d=${f3(p.d)} score=${f3(p.score)}`),
    detectionScore: dist(enrolled.map((r) => r.detectionScore)),
    timing: {
      startupMs: svc.startupMs,
      modelLoadMs: svc.modelLoadMs,
      firstRequestMs: warm.ms,
      meanMs: mean(times),
      p95Ms: pct(times, 95),
      maxMs: times.at(-1),
    },
  };
} finally {
  await svc.stop();
}

// ---------------------------------------------------------------------------------------------
// Report

const r = report;
const row = (name, s) => `  ${name.padEnd(20)} n=${String(s.n).padStart(3)}  min ${f3(s.min)}  p5 ${f3(s.p5)}  median ${f3(s.median)}  p95 ${f3(s.p95)}  max ${f3(s.max)}`;
console.log(`Face accuracy — ${r.images} labelled images, ${r.enrolled} templates, ${r.pairs.genuine} genuine + ${r.pairs.impostor} impostor pairs`);
if (r.failures.length) console.log(`  NO TEMPLATE for: ${r.failures.join("; ")}`);
console.log(`  ${r.formula}; threshold ${r.threshold} ⇔ d ≤ ${f3(r.thresholdDistance)}`);
console.log("Scores:");
console.log(row("genuine", r.genuineScore));
console.log(row("impostor", r.impostorScore));
console.log("Distances:");
console.log(row("genuine", r.genuineDistance));
console.log(row("impostor", r.impostorDistance));
console.log(row("detection score", r.detectionScore));
console.log(`At threshold ${r.threshold}: FMR ${pctStr(r.atThreshold.fmr, r.pairs.impostor)}, FNMR ${pctStr(r.atThreshold.fnmr, r.pairs.genuine)}`);
console.log(`FMR 0 from threshold ${r.zeroFmr.threshold} (d < ${f3(r.zeroFmr.distance)}): FNMR ${pctStr(r.zeroFmr.fnmr, r.pairs.genuine)}`);
console.log("Sweep (threshold: FMR / FNMR pairs):");
console.log("  " + r.sweep.map((s) => `${s.threshold.toFixed(2)}: ${s.fmr}/${s.fnmr}`).join("  "));
console.log(`Worst genuine pairs:   ${r.worstGenuine.join(" | ")}`);
console.log(`Closest impostor pairs: ${r.closestImpostor.join(" | ")}`);
const t = r.timing;
console.log(`Time: startup ${t.startupMs == null ? "n/a (FACE_SERVICE_URL)" : `${Math.round(t.startupMs)} ms`}` +
  `${t.modelLoadMs == null ? "" : ` (model load ${t.modelLoadMs} ms)`}, first request ${Math.round(t.firstRequestMs)} ms, ` +
  `per image mean ${Math.round(t.meanMs)} ms, p95 ${Math.round(t.p95Ms)} ms, max ${Math.round(t.maxMs)} ms`);
const pass = r.failures.length === 0 && r.atThreshold.fmr === 0 && r.atThreshold.fnmr / r.pairs.genuine <= 0.05;
console.log(`Target (FMR 0, FNMR ≤ 5 % at the default threshold): ${pass ? "met" : "NOT met"}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2) + "\n");
