// Starts and stops a throw-away `wrangler dev` for the benchmark: its own free port, its own
// inspector port, its own persist dir (fresh D1 + Durable Object state), its own secrets.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const randomSecret = () => randomBytes(32).toString("base64url");

/** Fresh random secrets for one run (pass them to startServer; several servers may share them). */
export const newSecrets = () => ({ AUTH_JWT_SECRET: randomSecret(), DATA_ENCRYPTION_KEY: randomSecret() });

// CLOUDFLARE_CF_FETCH_ENABLED=false: wrangler dev would fetch Request.cf data from the network at every start.
const childEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", NO_COLOR: "1" });

function runChecked(command, args, options, what) {
  const result = spawnSync(command, args, { ...options, encoding: "utf8", env: childEnv() });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${output.split("\n").slice(-30).join("\n")}`);
  }
  return result.stdout;
}

function tail(path, lines = 40) {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Prepares the state dir (assets, migrations) and starts `wrangler dev`; resolves once GET
 * `readyPath` answers 200. The returned handle's stop() kills the whole process group
 * (npx → wrangler → workerd).
 *
 * Options: `root` (the project), `config` (wrangler config relative to root; default the
 * project's wrangler.toml, which also runs scripts/assets.mjs first), `readyPath` ("/health"),
 * `secrets` (default: fresh random AUTH_JWT_SECRET and DATA_ENCRYPTION_KEY, passed as --var;
 * give the same object to two servers so one token works on both), `name` (state dir prefix),
 * `log`, `keepState`.
 */
export async function startServer({ root, config = "", readyPath = "/health", secrets = newSecrets(), name = "identity-store-bench", log = () => {}, keepState = false }) {
  const stateDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const logPath = join(stateDir, "wrangler.log");
  const configArgs = config ? ["--config", config] : [];
  const handle = {
    stateDir,
    logPath,
    secrets,
    baseUrl: "",
    child: null,
    stopped: false,
    async stop() {
      if (this.stopped) return;
      this.stopped = true;
      await killGroup(this.child);
      if (!keepState) rmSync(stateDir, { recursive: true, force: true });
    },
    /** Synchronous last resort for process "exit": no waiting, just SIGKILL the group. */
    killNow() {
      if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
        try {
          process.kill(-this.child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    },
  };

  try {
    if (!config && existsSync(join(root, "scripts", "assets.mjs"))) {
      log("assets: node scripts/assets.mjs");
      runChecked(process.execPath, [join(root, "scripts", "assets.mjs")], { cwd: root }, "scripts/assets.mjs");
    }

    log(`migrations: wrangler d1 migrations apply DB --local --persist-to ${stateDir}${config ? ` --config ${config}` : ""}`);
    runChecked("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir, ...configArgs], { cwd: root, stdio: ["ignore", "pipe", "pipe"] }, "D1 migrations");

    const port = await freePort();
    const inspectorPort = await freePort();
    handle.baseUrl = `http://127.0.0.1:${port}`;
    const args = [
      "wrangler", "dev", "--local", ...configArgs,
      "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
      "--persist-to", stateDir,
      "--show-interactive-dev-session=false",
      // "info" would log one line per request from the wrangler process, which costs CPU the
      // worker needs; warnings and errors (and the worker's console.error) still reach the log.
      "--log-level", "warn",
      ...Object.entries(secrets).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ];
    log(`wrangler dev${config ? ` (${config})` : ""} on ${handle.baseUrl} (state ${stateDir}, log ${logPath})`);
    const fd = openSync(logPath, "a");
    handle.child = spawn("npx", args, { cwd: root, detached: true, stdio: ["ignore", fd, fd], env: childEnv() });
    closeSync(fd);
    handle.child.on("error", () => {});

    await waitForReady(handle, readyPath);
    return handle;
  } catch (error) {
    await handle.stop();
    throw error;
  }
}

async function waitForReady(handle, readyPath) {
  const started = Date.now();
  const exited = new Promise((resolve) => handle.child.once("exit", (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    if (exitInfo) {
      throw new Error(`wrangler dev exited early (${exitInfo.code ?? exitInfo.signal}). Log tail:\n${tail(handle.logPath)}`);
    }
    try {
      const response = await fetch(`${handle.baseUrl}${readyPath}`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        await response.json();
        return;
      }
      await response.body?.cancel();
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET ${readyPath} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s. Log tail:\n${tail(handle.logPath)}`);
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child) {
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const signal = (name) => {
    try {
      process.kill(-pid, name);
    } catch {
      /* gone */
    }
  };
  if (!groupAlive(pid)) return;
  signal("SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(pid)) signal("SIGKILL");
  const hardDeadline = Date.now() + 2_000;
  while (groupAlive(pid) && Date.now() < hardDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
