import { describe, expect, it } from "vitest";
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
        for (let i = 0; i < 45; i++) statuses.push((await api("GET", "/stores", { tenant })).status);
        expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
        const limited = await api("GET", "/stores", { tenant });
        expect(limited.status).toBe(429);
        expect(limited.body.code).toBe(9008);
        expect(limited.headers.get("retry-after")).toBe("60");
        expect((await api("GET", "/stores", { tenant: `tenant-calm-${attempt}` })).status).toBe(200);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );
});
