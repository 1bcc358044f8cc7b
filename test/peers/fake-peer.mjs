// What the fake APNs and the fake FCM share: the HTTP plumbing, public keys, scripted answers.
// Plain HTTP/1.1 (the services speak HTTP/2): a Worker's fetch, in workerd and under wrangler
// dev, speaks HTTP/1.1 to a loopback origin.
import { createServer } from "node:http";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { importJWK, importSPKI } from "jose";

/**
 * An HTTP server whose `handle(request, url, body)` returns `{ status, body?, headers?, delayMs? }`;
 * the answer is JSON. A client that gave up (timeout) is simply not answered.
 */
export function jsonServer(handle) {
  return createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let answer;
    try {
      answer = await handle(req, new URL(req.url, "http://fake"), Buffer.concat(chunks).toString("utf8"));
    } catch (error) {
      answer = { status: 500, body: { fakeError: String(error?.stack ?? error) } };
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...(text && { "content-type": "application/json" }), ...answer.headers });
    res.end(text);
  });
}

/** A public key as the tests register it: a JWK object or an SPKI PEM. */
export function importPublicKey(publicKey, alg) {
  return typeof publicKey === "string" ? importSPKI(publicKey, alg) : importJWK(publicKey, alg);
}

/**
 * The answers scripted per device token, used up one request at a time; then 200. An answer is a
 * status (`503`) or `{ status?, reason?, retryAfter?, delayMs? }` (delayMs: answer that late, e.g.
 * to outlast the sender's timeout).
 */
export class AnswerScripts {
  #scripts = new Map();

  set(token, answers) {
    this.#scripts.set(token, answers.map((answer) => (typeof answer === "number" ? { status: answer } : { status: 200, ...answer })));
  }

  next(token) {
    return this.#scripts.get(token)?.shift() ?? { status: 200 };
  }
}

/** Records per key: `add(key, record)`, `list(key)`. */
export class Journal {
  #records = new Map();

  add(key, record) {
    this.#records.set(key, [...(this.#records.get(key) ?? []), record]);
  }

  list(key) {
    return this.#records.get(key) ?? [];
  }
}

export const json = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `node test/peers/fake-….mjs [port]`: the fake on its own (e.g. for `wrangler dev`), printing its URL. */
export function runWhenMain(moduleUrl, createFake) {
  if (process.argv[1] && pathToFileURL(process.argv[1]).href === moduleUrl) {
    const server = createFake();
    server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
  }
}
