import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json";

describe("GET /health", () => {
  it("reports ok and the package version without a token", async () => {
    const res = await exports.default.fetch("https://is.test/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: pkg.version });
  });
});
