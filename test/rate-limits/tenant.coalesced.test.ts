import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { coalescedLimit, UNREPORTED_MAX } from "../../src/http/rate-limit";
import { api } from "../support/api";
import { inOneWindow, WINDOW_TEST_TIMEOUT_MS } from "./window";

/** This project binds TENANT_RATE_LIMITER at 40 requests per 60 s (vitest.config.ts). */
describe("tenant rate limit: fewer binding calls, every admitted request is counted", () => {
  it(
    "30 requests at once, then one at a time: refused once the count passes 40, with at most 2 × UNREPORTED_MAX more admitted",
    () =>
      inOneWindow(async (attempt) => {
        const tenant = `tenant-burst-${attempt}`;
        const burst = await Promise.all(Array.from({ length: 30 }, () => api("GET", "/stores", { tenant })));
        expect(burst.map((r) => r.status)).toEqual(Array(30).fill(200));
        const after: number[] = [];
        while (after.at(-1) !== 429 && after.length < 60) after.push((await api("GET", "/stores", { tenant })).status);
        const admitted = 30 + after.indexOf(429);
        expect(admitted).toBeGreaterThanOrEqual(40);
        expect(admitted).toBeLessThanOrEqual(40 + 2 * UNREPORTED_MAX);
        const overBurst = await Promise.all(Array.from({ length: 20 }, () => api("GET", "/stores", { tenant })));
        expect(overBurst.map((r) => r.status)).toEqual(Array(20).fill(429));
        expect(overBurst[0]?.body.code).toBe(9008);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );

  it(
    "requests made without a call are counted in the next call's delta: one call per 17 requests while admitted",
    () =>
      inOneWindow(async (attempt) => {
        const deltas: number[] = [];
        const observed: RateLimit = {
          limit: (options) => {
            deltas.push(options.delta ?? 1);
            return env.TENANT_RATE_LIMITER.limit(options);
          },
        };
        const key = `coalesced-${attempt}`;
        // The first request asks; the 24 that arrive during its call take its answer.
        const first = await Promise.all(Array.from({ length: 25 }, () => coalescedLimit(observed, key)));
        expect(first).toEqual(Array(25).fill(true));
        expect(deltas).toEqual([1]);
        // 24 unreported: the next request reports them with itself (1 + 25 of 40); 19 arrive during that call.
        const second = await Promise.all(Array.from({ length: 20 }, () => coalescedLimit(observed, key)));
        expect(second).toEqual(Array(20).fill(true));
        expect(deltas).toEqual([1, 25]);
        // 19 unreported: reported by the next (26 < 40, admitted: 46 counted); then 16 without a call.
        const sequential: boolean[] = [];
        for (let i = 0; i < 1 + UNREPORTED_MAX; i++) sequential.push(await coalescedLimit(observed, key));
        expect(sequential).toEqual(Array(1 + UNREPORTED_MAX).fill(true));
        expect(deltas).toEqual([1, 25, 20]);
        // The 17th reports them: 46 ≥ 40, refused; from then on every request asks and is refused.
        expect(await coalescedLimit(observed, key)).toBe(false);
        expect(await coalescedLimit(observed, key)).toBe(false);
        expect(deltas).toEqual([1, 25, 20, 1 + UNREPORTED_MAX, 1]);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );

  it("a call that never answers (its request was cancelled) is not waited for after a second", async () => {
    const deltas: number[] = [];
    const stuckOnce: RateLimit = {
      limit: (options) => {
        deltas.push(options.delta ?? 1);
        return deltas.length === 1 ? new Promise(() => {}) : env.TENANT_RATE_LIMITER.limit(options);
      },
    };
    const key = `stuck-${crypto.randomUUID()}`;
    const start = Date.now();
    void coalescedLimit(stuckOnce, key, start);
    expect(await coalescedLimit(stuckOnce, key, start + 10)).toBe(true);
    expect(deltas).toEqual([1]);
    expect(await coalescedLimit(stuckOnce, key, start + 1500)).toBe(true);
    expect(deltas).toEqual([1, 2]);
  });
});
