#!/usr/bin/env node
// Copies the vendor files of the API reference page (/docs) from node_modules into
// public/docs/vendor/, which the Worker serves through its static-assets binding.
// Idempotent and fast: a file is copied only when missing or different in size or age.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "public", "docs", "vendor");
const require = createRequire(join(root, "package.json"));

/** package → files copied from its folder into public/docs/vendor/ (same names). */
const VENDOR = {
  "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE"],
};

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function same(source, destination) {
  try {
    const a = statSync(source);
    const b = statSync(destination);
    return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 2; // utimes keeps ms, not ns
  } catch {
    return false;
  }
}

mkdirSync(target, { recursive: true });
const wanted = new Set();
let copied = 0;
for (const [name, files] of Object.entries(VENDOR)) {
  const dir = packageDir(name);
  for (const file of files) {
    const source = join(dir, file);
    const destination = join(target, file);
    wanted.add(file);
    if (same(source, destination)) continue;
    copyFileSync(source, destination);
    const { atime, mtime } = statSync(source);
    utimesSync(destination, atime, mtime);
    copied += 1;
  }
}
for (const file of readdirSync(target)) {
  if (!wanted.has(file)) rmSync(join(target, file), { recursive: true, force: true });
}
console.log(`assets: public/docs/vendor ready (${copied} of ${wanted.size} files copied)`);
