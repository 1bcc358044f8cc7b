#!/usr/bin/env node
// Prints a local dev token: an HS256 JWT signed with AUTH_JWT_SECRET from .dev.vars
// (or from the environment), valid for 12 hours. Needs only Node's own modules (any Node >= 18),
// so it runs before `npm ci` and before scripts/dev.sh, and says what to do when .dev.vars is missing.
//   npm run token [-- --tenant acme] [-- --scope "identity-store:auth"]
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const DEFAULT_SCOPE = "identity-store:admin identity-store:auth";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const { values } = parseArgs({
  options: {
    tenant: { type: "string", default: "dev" },
    scope: { type: "string", default: DEFAULT_SCOPE },
    subject: { type: "string", default: "dev" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run token -- [--tenant NAME] [--scope "SCOPES"] [--subject SUB]
  --tenant   tenant claim (default "dev")
  --scope    space-separated scopes (default "${DEFAULT_SCOPE}")
  --subject  sub claim (default "dev")`);
  process.exit(0);
}

/** KEY=value lines of a .dev.vars / .env file; quotes around a value are removed. */
function readVars(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    vars[match[1]] = value;
  }
  return vars;
}

const secret = process.env.AUTH_JWT_SECRET || readVars(join(root, ".dev.vars")).AUTH_JWT_SECRET;
if (!secret) {
  console.error("No AUTH_JWT_SECRET yet: start the service once with `bash scripts/dev.sh` (it creates .dev.vars with the secret), then run `npm run token` again — or set AUTH_JWT_SECRET in the environment.");
  process.exit(1);
}

/** An HS256 JWT (RFC 7519) over the claims. */
function signHs256(claims, key) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

const now = Math.floor(Date.now() / 1000);
console.log(signHs256({ tenant: values.tenant, scope: values.scope, sub: values.subject, iat: now, exp: now + 12 * 3600 }, secret));
