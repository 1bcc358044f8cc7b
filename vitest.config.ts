import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";
import { TEST_DATA_ENCRYPTION_KEY, TEST_JWT_SECRET } from "./test/support/secrets.ts";

/**
 * Debian's oathtool, run in Node on behalf of tests inside workerd: an independent TOTP generator.
 * GET ?secret=<base32>&algorithm=sha1&digits=6&period=30&at=<unix seconds> → the code.
 */
function oathtool(request: Request): Response {
  const q = new URL(request.url).searchParams;
  const args = [`--totp=${q.get("algorithm") ?? "sha1"}`, "--base32", `--digits=${q.get("digits") ?? "6"}`, `--time-step-size=${q.get("period") ?? "30"}s`, `--now=@${q.get("at")}`, q.get("secret") ?? ""];
  try {
    return new Response(execFileSync("oathtool", args, { encoding: "utf8" }).trim());
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}

/** Debian's python3-srp (RFC 5054 mode) run in Node on behalf of tests: an SRP client nobody here wrote. */
async function srpPeer(request: Request): Promise<Response> {
  try {
    const output = execFileSync("/usr/bin/python3", ["test/peers/srp_peer.py"], { input: await request.text(), encoding: "utf8" });
    return new Response(output, { headers: { "content-type": "application/json" } });
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}

/** The labelled face photos of ../shared/face-images: GET /<identity>/<file>.png. */
function faceImages(request: Request): Response {
  const path = new URL(request.url).pathname;
  if (!/^\/[a-z]+\/[a-z]+\d+\.png$/.test(path)) return new Response("not found", { status: 404 });
  try {
    return new Response(readFileSync(`../shared/face-images/labelled${path}`), { headers: { "content-type": "image/png" } });
  } catch {
    return new Response("not found", { status: 404 });
  }
}

// Quiet runs: no Request.cf fetch from the network at each start, and none of wrangler's info lines
// (e.g. "Using secrets defined in .dev.vars" once per test file) — warnings and errors still show.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
process.env.WRANGLER_LOG ??= "warn";

/** Low limits for the one project that checks the Rate Limiting bindings (production values: wrangler.toml). */
const TEST_RATE_LIMITS = {
  TENANT_RATE_LIMITER: { namespace_id: "9001", simple: { limit: 40, period: 60 as const } },
  ATTEMPT_RATE_LIMITER: { namespace_id: "9002", simple: { limit: 8, period: 60 as const } },
};

/**
 * @cloudflare/containers and tssrp6a ship source maps that name sources they do not ship; vite would warn
 * "Sourcemap … points to missing source files" for each of its files. Loaded without the map comment.
 */
const PACKAGES_WITH_BROKEN_SOURCEMAPS = /\/node_modules\/(?:@cloudflare\/containers|tssrp6a)\/dist\/.*\.js$/;
const withoutBrokenSourcemaps = {
  name: "without-broken-sourcemaps",
  enforce: "pre" as const,
  load(id: string) {
    if (!PACKAGES_WITH_BROKEN_SOURCEMAPS.test(id)) return null;
    return readFileSync(id, "utf8").replace(/^\/\/# sourceMappingURL=.*$/gm, "");
  },
};

/** A project of tests inside workerd, against the Worker of wrangler.toml with the test peers bound. */
function workersProject(name: string, include: string[], exclude: string[], extra: { ratelimits?: typeof TEST_RATE_LIMITS } = {}) {
  return defineConfig({
    plugins: [
      withoutBrokenSourcemaps,
      cloudflareTest(async ({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          serviceBindings: { OATHTOOL: oathtool, SRP_PEER: srpPeer, FACE_IMAGES: faceImages },
          bindings: {
            AUTH_JWT_SECRET: TEST_JWT_SECRET,
            DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
            SEED_ENDPOINTS: readFileSync("../shared/spec/seed-endpoints.txt", "utf8"),
            UAF_VECTORS: readFileSync("../shared/uaf-vectors/vectors.json", "utf8"),
            FACE_SERVICE_URL: inject("faceServiceUrl"),
            APNS_BASE_URL: inject("apnsUrl"),
            FCM_BASE_URL: inject("fcmUrl"),
            FCM_TOKEN_URL: `${inject("fcmUrl")}/token`,
            PUSH_RETRY_BASE_MS: "50",
            // An error code a route answers without declaring it (src/http/route.ts) fails the test with a 500.
            CHECK_DECLARED_ERRORS: "1",
          },
          ...extra,
        },
      })),
    ],
    test: {
      name,
      include,
      exclude: [...configDefaults.exclude, ...exclude],
      setupFiles: ["./test/setup.ts"],
      globalSetup: ["./test/global-setup.ts", "./test/face-service.ts", "./test/push-peers.ts"],
      testTimeout: 30_000,
    },
  });
}

/** Everything under test/ but test/e2e and the rate-limit tests. */
const workers = workersProject("workers", ["test/**/*.test.ts"], ["test/e2e/**", "test/rate-limits/**"]);
/** The rate-limit tests, with limits low enough to reach (a project of their own, so no other test shares their buckets). */
const rateLimits = workersProject("rate-limits", ["test/rate-limits/**/*.test.ts"], [], { ratelimits: TEST_RATE_LIMITS });

/** Three projects, one run and one report: `workers`, `rate-limits` (above) and `e2e` (Node: wrangler dev + Chromium). */
export default defineConfig({
  test: {
    projects: [workers, rateLimits, "./vitest.e2e.config.ts"],
  },
});
