import { defineConfig } from "vitest/config";

/**
 * End-to-end tests in Node (not workerd): each file starts its own `wrangler dev` and drives
 * Debian's Chromium with playwright-core. `npx vitest run -c vitest.e2e.config.ts`.
 */
export default defineConfig({
  test: {
    name: "e2e",
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
