// A throw-away `wrangler dev` for the end-to-end tests: its own free loopback port and inspector
// port, its own persist dir (fresh D1 and Durable Object state), its own random secrets.
// (The same approach as bench/lib/server.mjs.)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

export interface DevServer {
  /** `http://localhost:<port>` — the host name is the WebAuthn rpId, and http is allowed for it. */
  baseUrl: string;
  port: number;
  stateDir: string;
  logPath: string;
  secrets: { AUTH_JWT_SECRET: string; DATA_ENCRYPTION_KEY: string };
  /** The last lines of wrangler's log (for failure messages). */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const randomSecret = () => randomBytes(32).toString("base64url");
const childEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" });

function runChecked(command: string, args: string[], cwd: string, what: string): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${output.split("\n").slice(-30).join("\n")}`);
  }
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends the whole process group (npx → wrangler → workerd): SIGTERM, then SIGKILL. */
async function killGroup(child: ChildProcess | null): Promise<void> {
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const signal = (name: NodeJS.Signals) => {
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

/**
 * Copies the vendor assets, applies the migrations to a fresh local D1 and starts `wrangler dev`;
 * resolves once GET /health answers 200.
 */
export async function startDevServer(root: string, log: (line: string) => void = () => {}): Promise<DevServer> {
  const stateDir = mkdtempSync(join(tmpdir(), "identity-store-e2e-"));
  const logPath = join(stateDir, "wrangler.log");
  const secrets = { AUTH_JWT_SECRET: randomSecret(), DATA_ENCRYPTION_KEY: randomSecret() };
  let child: ChildProcess | null = null;
  let stopped = false;
  const killNow = () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  const server: DevServer = {
    baseUrl: "",
    port: 0,
    stateDir,
    logPath,
    secrets,
    logTail: (lines) => tail(logPath, lines),
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off("exit", killNow);
      await killGroup(child);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  process.on("exit", killNow);

  try {
    runChecked(process.execPath, [join(root, "scripts", "assets.mjs")], root, "scripts/assets.mjs");
    log(`migrations → ${stateDir}`);
    runChecked("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], root, "D1 migrations");

    server.port = await freePort();
    const inspectorPort = await freePort();
    server.baseUrl = `http://localhost:${server.port}`;
    const args = [
      "wrangler", "dev", "--local",
      "--ip", "127.0.0.1", "--port", String(server.port), "--inspector-port", String(inspectorPort),
      "--persist-to", stateDir,
      "--show-interactive-dev-session=false",
      "--log-level", "warn",
      "--var", `AUTH_JWT_SECRET:${secrets.AUTH_JWT_SECRET}`,
      "--var", `DATA_ENCRYPTION_KEY:${secrets.DATA_ENCRYPTION_KEY}`,
    ];
    log(`wrangler dev on ${server.baseUrl} (log ${logPath})`);
    const fd = openSync(logPath, "a");
    child = spawn("npx", args, { cwd: root, detached: true, stdio: ["ignore", fd, fd], env: childEnv() });
    closeSync(fd);
    child.on("error", () => {});
    await waitForHealth(child, `http://127.0.0.1:${server.port}`, logPath);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function waitForHealth(child: ChildProcess, baseUrl: string, logPath: string): Promise<void> {
  const started = Date.now();
  let exitInfo: string | null = null;
  child.once("exit", (code, signal) => (exitInfo = String(code ?? signal)));
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    if (exitInfo) throw new Error(`wrangler dev exited early (${exitInfo}). Log tail:\n${tail(logPath)}`);
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET /health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s. Log tail:\n${tail(logPath)}`);
}
