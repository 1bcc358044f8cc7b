import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE, token } from "../support/api";
import { storeWithUser } from "../support/fixtures";

type Doc = { paths: Record<string, Record<string, unknown>> };

const RUNS_PER_OPERATION = 25;

describe("no 5xx for any client input (property-based)", async () => {
  const doc: Doc = await (await exports.default.fetch(`${BASE}/openapi.json`)).json();
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));

  it.each(operations)("$method $path answers random JSON with a JSON error below 500", async ({ method, path }) => {
    const { store, userId, extId } = await storeWithUser();
    const jwt = await token({ scope: "identity-store:admin identity-store:auth" });
    const known: Record<string, string> = { storeName: store, userId, extId };
    const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("default", "ext", "..", "%00", "a".repeat(300)));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.constantFrom(
          ...["name", "extId", "status", "configuration", "attributes", "type", "context", "version", "attributeSchema", "code", "digits"],
          ...["rpId", "challenge", "userHandle", "userName", "response", "failure", "sessionData", "createUser", "image", "matching", "subtype"],
          ...["A", "M1", "salt", "verifier", "expirationDtm", "reason", "policyName"],
        ),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.base64String({ maxLength: 96 }), fc.string({ unit: "binary-ascii", maxLength: 64 })),
      ),
    );
    const query = fc.dictionary(fc.constantFrom("page", "size", "status", "extId", "type", "from", "to", "force", "x"), fc.string({ maxLength: 12 }), { maxKeys: 3 });

    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(segment, { minLength: 4, maxLength: 4 }), body, query, async (useKnown, randomSegments, json, params) => {
        let i = 0;
        const concretePath = path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
          encodeURIComponent(useKnown && known[name] ? known[name] : randomSegments[i++ % 4]!),
        );
        const search = new URLSearchParams(params).toString();
        const hasBody = method === "POST" || method === "PUT" || method === "PATCH";
        const res = await exports.default.fetch(
          new Request(`https://is.test${concretePath}${search ? `?${search}` : ""}`, {
            method,
            headers: { authorization: `Bearer ${jwt}`, ...(hasBody ? { "content-type": "application/json" } : {}) },
            body: hasBody ? JSON.stringify(json) : undefined,
          }),
        );
        const text = await res.text();
        expect(res.status, `${method} ${concretePath} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(typeof JSON.parse(text).code).toBe("number");
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
  });
});
