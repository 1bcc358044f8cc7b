import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, token, uniqueName } from "../support/api";

/**
 * The hostile suite of issue 10: requests generated from the served OpenAPI document, every
 * operation, well over 10,000 per run — wrong types, 100 KB strings, nesting 10,000 deep,
 * Object.prototype member names in paths and keys, lone surrogates, huge and negative numbers,
 * arrays for objects, empty and truncated bodies, `../` and `%00` in path parameters. Every answer
 * is below 500; every 4xx is a JSON error with an integer `code`; and a refused request writes
 * nothing (the operation's tenant's data, snapshot after every refusal, is unchanged).
 */

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[] };
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const PROTOTYPE_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__proto__"];
const HOSTILE_SEGMENTS = [...PROTOTYPE_NAMES, "..", "../..", "..%2F..%2Fetc", "%00", "a%00b", "%ED%A0%80", "%F0%9F%98%80", "x".repeat(2000), "ext", "%20"];
const HOSTILE_VALUES: unknown[] = [123, -1, -1e308, 1e308, 2 ** 53 + 1, 0.5, "str", "", true, null, [], {}, [{}], "x".repeat(100 * 1024), "\ud800", ["\udc00"], { constructor: 1, toString: "x" }];
const QUERY_VALUES = ["-1", "99999999999999999999", "1e400", "constructor", "%00", "\u0000", "../", "x".repeat(5000), "NaN", "[]"];

const deep = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Data the API stores, minus what a refused authentication writes by design (its audit record, counters, locks, reservations). */
const TENANT_STORES = "SELECT id FROM stores WHERE tenant = ?1";
const TENANT_USERS = `SELECT id FROM users WHERE store_id IN (${TENANT_STORES})`;
const SNAPSHOT_QUERIES = [
  "SELECT id, name, description, configuration, attribute_schema, version FROM stores WHERE tenant = ?1 ORDER BY id",
  `SELECT id, store_id, ext_id, profile, attributes FROM users WHERE store_id IN (${TENANT_STORES}) ORDER BY id`,
  ...["totps", "passcodes", "passkeys", "appkeys", "biometrics"].map((table) => `SELECT * FROM ${table} WHERE user_id IN (${TENANT_USERS}) ORDER BY id`),
];

/** Everything one tenant has stored (each operation runs in a tenant of its own, so this stays small). */
async function snapshot(tenant: string): Promise<string> {
  const results = await env.DB.batch(SNAPSHOT_QUERIES.map((q) => env.DB.prepare(q).bind(tenant)));
  return JSON.stringify(results.map((r) => r.results));
}

/** Where two snapshots first differ, for the failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 80), i + 80)}… became …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 8; i++) s = doc.components?.schemas?.[s.$ref.split("/").pop()!] ?? {};
  return s;
}

/** A body that satisfies the schema's shape roughly (required fields, plausible values), the baseline mutations start from. */
function plausible(doc: Doc, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object" || s.properties) {
    if (depth > 3) return {};
    return Object.fromEntries((s.required ?? []).map((key) => [key, plausible(doc, s.properties?.[key], depth + 1)]));
  }
  if (type === "array") return [];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (s.anyOf?.[0] || s.oneOf?.[0]) return plausible(doc, (s.anyOf ?? s.oneOf)![0], depth + 1);
  return "default";
}

interface Variant {
  path: string;
  query?: string;
  body?: string;
}

function variants(doc: Doc, method: string, template: string, operation: Operation, known: Record<string, string>): Variant[] {
  const fill = (override: Record<string, string> = {}) =>
    template.replace(/\{([^}]+)\}/g, (_m, name: string) => override[name] ?? encodeURIComponent(known[name] ?? "default"));
  const schema = resolve(doc, operation.requestBody?.content?.["application/json"]?.schema);
  const hasBody = Boolean(operation.requestBody);
  const base = hasBody ? plausible(doc, schema) : undefined;
  const baseText = base === undefined ? undefined : JSON.stringify(base);
  const out: Variant[] = [];

  for (const name of template.match(/\{([^}]+)\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
    for (const segment of HOSTILE_SEGMENTS) {
      out.push({ path: fill({ [name]: segment }), body: baseText });
      if (hasBody) out.push({ path: fill({ [name]: segment }), body: "{}" });
    }
  }
  for (const parameter of (operation.parameters ?? []).filter((p) => p.in === "query")) {
    for (const value of QUERY_VALUES) out.push({ path: fill(), query: `${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}` });
  }
  if (!hasBody || method === "DELETE") return out;

  const path = fill();
  const raw = ["", "{", '{"a":', "[]", "null", "123", '"str"', deep(10_000), "[".repeat(10_000), '{"a":1,"a":2}', "\uFEFF{}", '{"x":"\\ud800"}', '{"\\udc00":1}', '{"__proto__":{"admin":true}}'];
  for (const body of raw) out.push({ path, body });
  for (let cut = 1; baseText && cut < baseText.length; cut += Math.max(1, Math.floor(baseText.length / 8))) out.push({ path, body: baseText.slice(0, cut) });
  const objectBase = (base && typeof base === "object" ? base : {}) as Record<string, unknown>;
  for (const key of PROTOTYPE_NAMES) out.push({ path, body: JSON.stringify({ ...objectBase, [key]: { polluted: true } }) });
  for (const key of Object.keys(schema.properties ?? {})) {
    for (const value of HOSTILE_VALUES) out.push({ path, body: JSON.stringify({ ...objectBase, [key]: value }) });
    out.push({ path, body: `${JSON.stringify({ ...objectBase, [key]: 0 }).slice(0, -1).replace(/"[^"]*":0$/, "")}"${key}":${deep(10_000)}}`.replace("{,", "{") });
  }
  return out;
}

describe("hostile suite (generated from the OpenAPI document)", () => {
  it("no 5xx, a JSON error with an integer code for every 4xx, no write for any refused request", { timeout: 600_000 }, async () => {
    const doc: Doc = await (await exports.default.fetch("https://is.test/api/identity-store/openapi.json")).json();
    const histogram: Record<number, number> = {};
    let total = 0;
    let operations = 0;

    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations += 1;
        const tenant = `hostile-${operations}`;
        const jwt = await token({ tenant, scope: "identity-store:admin identity-store:auth" });
        const store = uniqueName("h");
        expect((await api("POST", "/stores", { tenant, body: { name: store } })).status).toBe(201);
        const user = await api("POST", `/stores/${store}/users`, { tenant, body: { extId: `u-${store}` } });
        const known = { storeName: store, userId: user.body.id as string, extId: user.body.extId as string };
        let before = await snapshot(tenant);
        for (const variant of variants(doc, method.toUpperCase(), template, operation, known)) {
          const url = `https://is.test${variant.path}${variant.query ? `?${variant.query}` : ""}`;
          const init: RequestInit = { method: method.toUpperCase(), headers: { authorization: `Bearer ${jwt}`, ...(variant.body !== undefined ? { "content-type": "application/json" } : {}) } };
          if (variant.body !== undefined) init.body = variant.body;
          const res = await exports.default.fetch(new Request(url, init));
          const text = await res.text();
          total += 1;
          histogram[res.status] = (histogram[res.status] ?? 0) + 1;
          const what = `${method.toUpperCase()} ${variant.path.slice(0, 120)}${variant.query ? `?${variant.query.slice(0, 40)}` : ""} ${(variant.body ?? "").slice(0, 80)}`;
          expect(res.status, `${what} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) {
            const code = (JSON.parse(text) as { code?: unknown }).code;
            expect(Number.isInteger(code), `${what} → ${res.status} without an integer code: ${text.slice(0, 200)}`).toBe(true);
            const after = await snapshot(tenant);
            if (after !== before) expect.fail(`a refused request wrote data: ${what} → ${res.status}: ${firstDifference(before, after)}`);
          } else {
            before = await snapshot(tenant);
          }
        }
      }
    }
    console.log(`hostile suite: ${total} requests over ${operations} operations; statuses ${JSON.stringify(histogram)}`);
    expect(operations).toBeGreaterThan(90);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
