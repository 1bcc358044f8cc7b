import { describe, expect, it } from "vitest";
import { UNREPORTED_MAX } from "../../src/http/rate-limit";
import { api } from "../support/api";
import { inOneWindow, WINDOW_TEST_TIMEOUT_MS } from "./window";

/** This project binds TENANT_RATE_LIMITER at 40 requests per 60 s (vitest.config.ts). */
describe("rate limit per tenant (Workers Rate Limiting binding)", () => {
  it(
    "past the tenant's rate: 429/9008 with Retry-After; other tenants are unaffected",
    () =>
      inOneWindow(async (attempt) => {
        const tenant = `tenant-busy-${attempt}`;
        const statuses: number[] = [];
        while (statuses.at(-1) !== 429 && statuses.length <= 40 + 2 * UNREPORTED_MAX) statuses.push((await api("GET", "/stores", { tenant })).status);
        const admitted = statuses.indexOf(429);
        // Exactly 40 with a call per request; the calls a busy tenant saves let at most 2 × UNREPORTED_MAX more through.
        expect(admitted).toBeGreaterThanOrEqual(40);
        expect(admitted).toBeLessThanOrEqual(40 + 2 * UNREPORTED_MAX);
        expect(statuses.slice(0, admitted)).toEqual(Array(admitted).fill(200));
        const limited = await api("GET", "/stores", { tenant });
        expect(limited.status).toBe(429);
        expect(limited.body.code).toBe(9008);
        expect(limited.headers.get("retry-after")).toBe("60");
        expect((await api("GET", "/stores", { tenant: `tenant-calm-${attempt}` })).status).toBe(200);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );
});
