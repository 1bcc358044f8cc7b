// Shared test helpers: start the real service as a child process on a free port.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const serviceDir = path.resolve(here, '..');
export const repoRoot = path.resolve(serviceDir, '..', '..');
/** `../shared/face-images` relative to the repository root (not copied into the project). */
export const faceImagesDir = path.resolve(repoRoot, '..', 'shared', 'face-images');

export function labelledImage(name, n = 1) {
  const p = path.join(faceImagesDir, 'labelled', name, `${name}${n}.png`);
  if (!existsSync(p)) throw new Error(`missing test image ${p} (expected ../shared/face-images beside the repo)`);
  return p;
}

/**
 * Spawn `node src/server.mjs` with FACE_PORT=0 and wait until /healthz says ok.
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess, stop: () => Promise<void>, startupMs: number }>}
 */
export async function startService(env = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['src/server.mjs'], {
    cwd: serviceDir,
    env: { ...process.env, FACE_PORT: '0', FACE_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`face service did not start: ${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      buf += d;
      for (const line of buf.split('\n')) {
        if (line.includes('"face service listening"')) {
          clearTimeout(timer);
          resolve(JSON.parse(line).url);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`face service exited with ${code}: ${stderr}`));
    });
  });
  child.stdout.resume();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await fetch(`${url}/healthz`).catch(() => null);
    if (r?.status === 200) break;
    await r?.body?.cancel();
    if (Date.now() > deadline) throw new Error(`face service not healthy: ${stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  const startupMs = performance.now() - t0;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, child, stop, startupMs };
}

export async function postImage(url, bytes, contentType = 'image/png') {
  const res = await fetch(`${url}/v1/templates`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: bytes,
  });
  return { status: res.status, body: await res.json() };
}
