import { spawn } from "node:child_process";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import type {} from "./provided";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The real face service (containers/face) on loopback, for the face tests: FACE_SERVICE_URL. */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const child = spawn(process.execPath, ["containers/face/src/server.mjs"], {
    env: { ...process.env, FACE_HOST: "127.0.0.1", FACE_PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the face service exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error("the face service did not become healthy");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("faceServiceUrl", url);
  return () => {
    child.kill("SIGTERM");
  };
}
