import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { storeWithUser } from "../support/fixtures";

/** The budget of issue 9: a user read is one D1 round trip; a change is its read plus one write batch. */
describe("D1 round trips per user operation (Server-Timing)", () => {
  it("reads by id and by extId cost one round trip", async () => {
    const { userPath, store, extId } = await storeWithUser();
    const byId = await api("GET", userPath);
    const byExt = await api("GET", `/stores/${store}/users/${extId}/ext`);
    expect([byId.status, byExt.status]).toEqual([200, 200]);
    expect([d1RoundTrips(byId), d1RoundTrips(byExt)]).toEqual([1, 1]);
    expect(byId.headers.get("server-timing")).toMatch(/^d1;desc="1";dur=[\d.]+, total;dur=[\d.]+$/);
  });

  it("a missing user or store is still one round trip", async () => {
    const { store } = await storeWithUser();
    const missing = await api("GET", `/stores/${store}/users/nobody`);
    expect(missing.status).toBe(404);
    expect(d1RoundTrips(missing)).toBe(1);
    const otherTenant = await api("GET", `/stores/${store}/users/nobody`, { tenant: "tenant-b" });
    expect(otherTenant.status).toBe(404);
    expect(d1RoundTrips(otherTenant)).toBe(1);
  });

  it("update (with unlock) is one read and one write batch; delete is one", async () => {
    const { userPath } = await storeWithUser();
    const updated = await api("POST", userPath, { body: { firstName: "Grace", status: "ACTIVE" } });
    expect(updated.status).toBe(200);
    expect(updated.body.firstName).toBe("Grace");
    expect(d1RoundTrips(updated)).toBe(2);
    const deleted = await api("DELETE", userPath);
    expect(deleted.status).toBe(204);
    expect(d1RoundTrips(deleted)).toBe(1);
    expect((await api("GET", userPath)).status).toBe(404);
  });

  it("create is the store read and the insert", async () => {
    const { store } = await storeWithUser();
    const created = await api("POST", `/stores/${store}/users`, { body: { extId: "second" } });
    expect(created.status).toBe(201);
    expect(d1RoundTrips(created)).toBe(2);
  });
});
