import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { awayFromWindowEnd } from "./window";

/** This project binds TENANT_RATE_LIMITER at 40 requests per 60 s (vitest.config.ts). */
describe("rate limit per tenant (Workers Rate Limiting binding)", () => {
  it("past the tenant's rate: 429/9008 with Retry-After; other tenants are unaffected", async () => {
    await awayFromWindowEnd();
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await api("GET", "/stores", { tenant: "tenant-busy" })).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const limited = await api("GET", "/stores", { tenant: "tenant-busy" });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(9008);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await api("GET", "/stores", { tenant: "tenant-calm" })).status).toBe(200);
  });
});
