import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_DATA_ENCRYPTION_KEY, TEST_JWT_SECRET } from "./test/support/secrets";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          SEED_ENDPOINTS: readFileSync("../shared/spec/seed-endpoints.txt", "utf8"),
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 30_000,
  },
});
