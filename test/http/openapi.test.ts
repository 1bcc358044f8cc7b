import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE } from "../support/api";

interface Operation {
  security?: unknown[];
  operationId?: string;
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
}
type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

async function openApiDocument(): Promise<OpenApiDoc> {
  const res = await exports.default.fetch(`${BASE}/openapi.json`);
  expect(res.status).toBe(200);
  return res.json();
}

/** `METHOD /path/{a}/x` → `METHOD /path/{}/x`, the form of seed-endpoints.txt. */
function shape(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`;
}

/** Seed endpoints the service must serve: all of them. */
const SERVED_AT_LEAST = 97;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with every operation secured and documenting its error statuses", async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    // The one public operation: the UAF trusted facets document (UAF clients fetch it without a token).
    const publicPaths = ["/api/identity-store/facets/{storeId}/{rpId}"];
    expect(doc.paths[publicPaths[0]!]?.get?.security).toEqual([]);
    // …which answers no token, scope or tenant-rate codes.
    expect(Object.keys(doc.paths[publicPaths[0]!]!.get!.responses).filter((status) => Number(status) >= 400)).toEqual(["400", "404", "500"]);
    const operations = Object.entries(doc.paths)
      .filter(([path]) => !publicPaths.includes(path))
      .flatMap(([, ops]) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      for (const status of ["400", "401", "403", "429"]) expect(op.responses[status]).toBeDefined();
    }
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.responses["404"] !== undefined, path).toBe(path.includes("{"));
    }
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.schemas).toHaveProperty("Store");
    expect(doc.components.schemas).toHaveProperty("User");
  });

  it("lists every code an operation can answer, with its meaning, under the code's status", async () => {
    const doc = (await openApiDocument()) as OpenApiDoc & { info: { description: string } };
    const table = new Map([...doc.info.description.matchAll(/^\| (\d+) \| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), { status: m[2], message: m[3] }]));
    expect(table.get(9001)).toEqual({ status: "400", message: "Request validation failed." });
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const [status, response] of Object.entries(op.responses as Record<string, { description: string; "x-error-codes"?: number[] }>)) {
          if (Number(status) < 400) continue;
          expect(response["x-error-codes"]?.length).toBeGreaterThan(0);
          for (const code of response["x-error-codes"]!) {
            expect(table.get(code)?.status).toBe(status);
            expect(response.description).toContain(`- \`${code}\` ${table.get(code)!.message}`);
          }
        }
      }
    }
  });

  it("starts with Stores and Users, has servers and unique operation ids", async () => {
    const doc = (await openApiDocument()) as OpenApiDoc & { tags: { name: string }[]; servers: unknown[] };
    expect(doc.tags.slice(0, 2).map((t) => t.name)).toEqual(["Stores", "Users"]);
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares every user-scoped operation twice: by {userId} and by {extId} with /ext", async () => {
    const doc = await openApiDocument();
    const paths = Object.keys(doc.paths);
    const byId = paths.filter((p) => p.includes("/users/{userId}"));
    expect(byId.length).toBeGreaterThan(3);
    for (const path of byId) {
      const ext = `${path.replace("{userId}", "{extId}")}/ext`;
      expect(paths).toContain(ext);
      expect(Object.keys(doc.paths[ext]!).sort()).toEqual(Object.keys(doc.paths[path]!).sort());
    }
  });

  it("serves the seed endpoints (report)", async () => {
    const doc = await openApiDocument();
    const served = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => shape(m, path))));
    const seed = env.SEED_ENDPOINTS.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(seed).toHaveLength(97);
    const missing = seed.filter((e) => !served.has(e));
    const count = seed.length - missing.length;
    console.log(`seed endpoints served: ${count}/${seed.length}; missing:\n  ${missing.join("\n  ")}`);
    expect(count).toBeGreaterThanOrEqual(SERVED_AT_LEAST);
    for (const endpoint of [
      "POST /api/identity-store/stores",
      "GET /api/identity-store/stores/{}",
      "POST /api/identity-store/stores/{}/users",
      "GET /api/identity-store/stores/{}/users/{}/ext",
      "POST /api/identity-store/stores/{}/totpPolicy/{}",
      "DELETE /api/identity-store/stores/{}/passcodePolicy/{}",
      "GET /api/identity-store/stores/{}/users/{}/authentications/{}/ext",
      "POST /api/identity-store/stores/{}/users/{}/biometrics/authentications/failure/ext",
      "POST /api/identity-store/stores/{}/users/{}/totps/registrations/{}/complete/ext",
      "GET /api/identity-store/stores/{}/users/{}/totps/registrations/{}",
      "POST /api/identity-store/stores/{}/users/{}/totps/authentications/{}/ext",
      "DELETE /api/identity-store/stores/{}/users/{}/totps/{}/ext",
      "POST /api/identity-store/stores/{}/passcodes/renewals/sessions/{}",
      "GET /api/identity-store/stores/{}/users/{}/passcodes/registrations/{}/ext",
      "DELETE /api/identity-store/stores/{}/users/{}/passcodes/{}/ext",
      "POST /api/identity-store/stores/{}/passkeyConfig/{}",
      "POST /api/identity-store/stores/{}/passkeys/authentications",
      "POST /api/identity-store/stores/{}/passkeys/relyingParties/{}/registrations/{}",
      "POST /api/identity-store/stores/{}/users/{}/passkeys/relyingParties/{}/authentications/{}/ext",
      "GET /api/identity-store/stores/{}/users/{}/passkeys/{}/registrationAudit/ext",
    ]) {
      expect(served).toContain(endpoint);
    }
  });
});
