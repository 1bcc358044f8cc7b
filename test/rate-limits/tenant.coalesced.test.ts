import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { coalescedLimit } from "../../src/http/rate-limit";
import { api } from "../support/api";
import { inOneWindow, WINDOW_TEST_TIMEOUT_MS } from "./window";

/** This project binds TENANT_RATE_LIMITER at 40 requests per 60 s (vitest.config.ts). */
describe("tenant rate limit: concurrent requests make fewer binding calls, every admitted request is counted", () => {
  it(
    "30 requests at once are all counted: 10 more pass, then 429/9008",
    () =>
      inOneWindow(async (attempt) => {
        const tenant = `tenant-burst-${attempt}`;
        const burst = await Promise.all(Array.from({ length: 30 }, () => api("GET", "/stores", { tenant })));
        expect(burst.map((r) => r.status)).toEqual(Array(30).fill(200));
        const after: number[] = [];
        for (let i = 0; i < 11; i++) after.push((await api("GET", "/stores", { tenant })).status);
        expect(after).toEqual([...Array(10).fill(200), 429]);
        const overBurst = await Promise.all(Array.from({ length: 20 }, () => api("GET", "/stores", { tenant })));
        expect(overBurst.map((r) => r.status)).toEqual(Array(20).fill(429));
        expect(overBurst[0]?.body.code).toBe(9008);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );

  it(
    "requests that arrive while a call is in flight are counted in the next call's delta",
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
        const first = await Promise.all(Array.from({ length: 25 }, () => coalescedLimit(observed, key)));
        expect(first).toEqual(Array(25).fill(true));
        expect(deltas).toEqual([1]);
        // The 24 admitted during that call are told to the binding with the next one: 1 + 25 of 40.
        const second = await Promise.all(Array.from({ length: 20 }, () => coalescedLimit(observed, key)));
        expect(second).toEqual(Array(20).fill(true));
        expect(deltas).toEqual([1, 25]);
        // 26 counted, 19 unreported: the next call reports 20 and is admitted (26 < 40); from 46 on, refused.
        expect(await coalescedLimit(observed, key)).toBe(true);
        expect(await coalescedLimit(observed, key)).toBe(false);
        expect(deltas).toEqual([1, 25, 20, 1]);
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
