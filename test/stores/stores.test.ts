import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";

describe("stores", () => {
  it("creates a working store from just a name, with every configuration default", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { body: { name } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      description: null,
      attributeSchema: null,
      version: 1,
      configuration: {
        defaultUserStatus: "ACTIVE",
        defaultLocale: { language: "en", country: "US", variant: null },
        defaultTimezone: "UTC",
        userLockConfig: {
          maxFailedAttempts: 5,
          tempLockDurationSec: 300,
          maxTempLocks: 3,
          modalityMaxFailedAttempts: 3,
          modalityLockDurationSec: 300,
          faceMaxFailedAttempts: 5,
        },
        totpPolicies: {},
        passcodePolicies: {},
      },
    });
    expect(res.body.createdDtm).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const got = await api("GET", `/stores/${name}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it("refuses a duplicate name in the tenant with 409/9003 but allows it in another tenant", async () => {
    const name = uniqueName();
    expect((await api("POST", "/stores", { body: { name } })).status).toBe(201);
    const again = await api("POST", "/stores", { body: { name } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(9003);
    expect((await api("POST", "/stores", { body: { name }, tenant: "tenant-other" })).status).toBe(201);
  });

  it("rejects bad names and unknown fields with every problem listed", async () => {
    const res = await api("POST", "/stores", {
      body: { name: "bad name!", colour: "blue", configuration: { userLockConfig: { maxFailedAttempts: 0 } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "configuration.userLockConfig.maxFailedAttempts"]));
    expect(res.body.details.some((d: { message: string }) => d.message.includes("colour"))).toBe(true);
  });

  it("lists the tenant's stores as a page and hides other tenants' stores", async () => {
    const tenant = uniqueName("t");
    for (const n of ["a", "b", "c"]) await api("POST", "/stores", { body: { name: `${n}-${tenant}` }, tenant });
    const page = await api("GET", "/stores?page=0&size=2", { tenant });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 0, size: 2, totalElements: 3, totalPages: 2 });
    expect(page.body.content.map((s: { name: string }) => s.name)).toEqual([`a-${tenant}`, `b-${tenant}`]);
    const second = await api("GET", "/stores?page=1&size=2", { tenant });
    expect(second.body.content).toHaveLength(1);
    const outsider = await api("GET", `/stores/a-${tenant}`, { tenant: "tenant-x" });
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe(9002);
    expect((await api("GET", "/stores?size=101", { tenant })).status).toBe(400);
  });

  it("updates with a JSON merge patch and bumps the version", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name } });
    const res = await api("POST", `/stores/${name}`, {
      body: { description: "Retail", configuration: { userLockConfig: { maxFailedAttempts: 7 }, defaultTimezone: "Europe/London" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.description).toBe("Retail");
    expect(res.body.configuration.userLockConfig).toMatchObject({ maxFailedAttempts: 7, tempLockDurationSec: 300 });
    expect(res.body.configuration.defaultTimezone).toBe("Europe/London");
    const reset = await api("POST", `/stores/${name}`, { body: { configuration: { userLockConfig: { maxFailedAttempts: null } } } });
    expect(reset.body.configuration.userLockConfig.maxFailedAttempts).toBe(5);
    const bad = await api("POST", `/stores/${name}`, { body: { configuration: { defaultTimezone: "Mars/Olympus" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe("configuration.defaultTimezone");
    expect((await api("GET", `/stores/${name}`)).body.version).toBe(3);
  });

  it("compare-and-set: a stale version is refused with 409/9010 and changes nothing", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name } });
    expect((await api("POST", `/stores/${name}`, { body: { description: "one", version: 1 } })).status).toBe(200);
    const stale = await api("POST", `/stores/${name}`, { body: { description: "two", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe(9010);
    expect((await api("GET", `/stores/${name}`)).body).toMatchObject({ description: "one", version: 2 });
  });

  it("concurrent policy creations all land (no lost update)", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name } });
    const results = await Promise.all(
      ["p1", "p2", "p3"].map((policy) => api("POST", `/stores/${name}/totpPolicy`, { body: { name: policy } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const store = await api("GET", `/stores/${name}`);
    expect(Object.keys(store.body.configuration.totpPolicies).sort()).toEqual(["p1", "p2", "p3"]);
    expect(store.body.version).toBe(4);
  });

  it("deletes an empty store; refuses one with users unless force=true", async () => {
    const name = uniqueName();
    await api("POST", "/stores", { body: { name } });
    await api("POST", `/stores/${name}/users`, { body: { extId: "u1" } });
    const refused = await api("DELETE", `/stores/${name}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(9003);
    const forced = await api("DELETE", `/stores/${name}?force=true`);
    expect(forced.status).toBe(204);
    expect((await api("GET", `/stores/${name}`)).status).toBe(404);
    const empty = uniqueName();
    await api("POST", "/stores", { body: { name: empty } });
    expect((await api("DELETE", `/stores/${empty}`)).status).toBe(204);
  });
});
