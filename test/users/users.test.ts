import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";

async function newStore(configuration?: object) {
  const name = uniqueName();
  const res = await api("POST", "/stores", { body: { name, configuration } });
  expect(res.status).toBe(201);
  return name;
}

const ada = {
  extId: "customer-42",
  type: "customer",
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  dateOfBirth: "1815-12-10",
  nationalities: ["GB"],
  locale: { language: "en", country: "GB", variant: null },
  timezone: "Europe/London",
  attributes: { tier: "gold" },
};

describe("users", () => {
  it("creates a user with the full resource shape and defaults from the store", async () => {
    const store = await newStore({ defaultLocale: { language: "fr", country: "FR" }, defaultTimezone: "Europe/Paris" });
    const res = await api("POST", `/stores/${store}/users`, { body: ada });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...ada,
      status: "ACTIVE",
      locks: { failedAttempts: 0, tempLockCount: 0, lockedUntilDtm: null, modalities: {} },
      summaryInfo: { biometrics: [], appkeys: [], passkeys: [], totps: [], passcodes: [] },
      lastAuthenticatedDtm: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const minimal = await api("POST", `/stores/${store}/users`, { body: { extId: "min" } });
    expect(minimal.body).toMatchObject({
      locale: { language: "fr", country: "FR", variant: null },
      timezone: "Europe/Paris",
      firstName: null,
      nationalities: [],
      attributes: {},
    });
  });

  it("ignores summaryInfo sent by the caller", async () => {
    const store = await newStore();
    const res = await api("POST", `/stores/${store}/users`, { body: { extId: "x", summaryInfo: { totps: [{ id: "fake" }] } } });
    expect(res.status).toBe(201);
    expect(res.body.summaryInfo.totps).toEqual([]);
  });

  it("uses the store's defaultUserStatus unless a status is given", async () => {
    const store = await newStore({ defaultUserStatus: "PENDING_ACTIVE" });
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: "a" } })).body.status).toBe("PENDING_ACTIVE");
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: "b", status: "ACTIVE" } })).body.status).toBe("ACTIVE");
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: "c", status: "LOCKED" } })).status).toBe(400);
  });

  it("keeps extId unique in the store (409/9003), on create and on update", async () => {
    const store = await newStore();
    await api("POST", `/stores/${store}/users`, { body: { extId: "dup" } });
    const again = await api("POST", `/stores/${store}/users`, { body: { extId: "dup" } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(9003);
    const other = await api("POST", `/stores/${store}/users`, { body: { extId: "other" } });
    const rename = await api("POST", `/stores/${store}/users/${other.body.id}`, { body: { extId: "dup" } });
    expect(rename.status).toBe(409);
    const otherStore = await newStore();
    expect((await api("POST", `/stores/${otherStore}/users`, { body: { extId: "dup" } })).status).toBe(201);
  });

  it("reads, updates and deletes by internal id and by extId with /ext", async () => {
    const store = await newStore();
    const created = await api("POST", `/stores/${store}/users`, { body: ada });
    const byId = await api("GET", `/stores/${store}/users/${created.body.id}`);
    const byExt = await api("GET", `/stores/${store}/users/${ada.extId}/ext`);
    expect(byId.status).toBe(200);
    expect(byExt.body).toEqual(byId.body);

    const updated = await api("POST", `/stores/${store}/users/${ada.extId}/ext`, { body: { firstName: "Augusta", email: null } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ firstName: "Augusta", lastName: "Lovelace", email: null });
    expect(Date.parse(updated.body.lastUpdatedDtm)).toBeGreaterThanOrEqual(Date.parse(created.body.lastUpdatedDtm));

    expect((await api("DELETE", `/stores/${store}/users/${ada.extId}/ext`)).status).toBe(204);
    const gone = await api("GET", `/stores/${store}/users/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(9002);
  });

  it("an extId that looks like a path keyword still resolves", async () => {
    const store = await newStore();
    const created = await api("POST", `/stores/${store}/users`, { body: { extId: "ext" } });
    expect((await api("GET", `/stores/${store}/users/ext/ext`)).body.id).toBe(created.body.id);
  });

  it("lists users as a page, newest first, filtered by extId and status", async () => {
    const store = await newStore();
    for (const extId of ["u1", "u2", "u3"]) await api("POST", `/stores/${store}/users`, { body: { extId } });
    const u4 = await api("POST", `/stores/${store}/users`, { body: { extId: "u4", status: "DISABLED" } });
    const page = await api("GET", `/stores/${store}/users?size=2`);
    expect(page.body).toMatchObject({ page: 0, size: 2, totalElements: 4, totalPages: 2 });
    expect(Object.keys(page.body.content[0]).sort()).toEqual(["createdDtm", "extId", "id", "lastUpdatedDtm", "status", "storeId"]);
    expect(page.body.content[0].extId).toBe("u4");
    const disabled = await api("GET", `/stores/${store}/users?status=DISABLED`);
    expect(disabled.body.content.map((u: { id: string }) => u.id)).toEqual([u4.body.id]);
    const byExt = await api("GET", `/stores/${store}/users?extId=u2`);
    expect(byExt.body.totalElements).toBe(1);
    expect((await api("GET", `/stores/${store}/users?status=SLEEPING`)).status).toBe(400);
  });

  it("validates profile fields and rejects unknown ones", async () => {
    const store = await newStore();
    const res = await api("POST", `/stores/${store}/users`, {
      body: { extId: "", email: "not-an-email", dateOfBirth: "10/12/1815", nationalities: ["gbr"], timezone: "Nowhere/City", nickname: "x" },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["extId", "email", "dateOfBirth", "nationalities.0", "timezone"]));
  });

  it("users of another store or tenant are not found", async () => {
    const store = await newStore();
    const created = await api("POST", `/stores/${store}/users`, { body: { extId: "mine" } });
    const otherStore = await newStore();
    expect((await api("GET", `/stores/${otherStore}/users/${created.body.id}`)).status).toBe(404);
    expect((await api("GET", `/stores/${store}/users/${created.body.id}`, { tenant: "tenant-b" })).status).toBe(404);
  });

  it("admin status changes: DISABLED, LOCKED, then ACTIVE", async () => {
    const store = await newStore();
    const created = await api("POST", `/stores/${store}/users`, { body: { extId: "s" } });
    const path = `/stores/${store}/users/${created.body.id}`;
    expect((await api("POST", path, { body: { status: "DISABLED" } })).body.status).toBe("DISABLED");
    expect((await api("POST", path, { body: { status: "LOCKED" } })).body.status).toBe("LOCKED");
    expect((await api("POST", path, { body: { status: "ACTIVE" } })).body.status).toBe("ACTIVE");
    expect((await api("POST", path, { body: { status: "TEMP_LOCKED" } })).status).toBe(400);
  });

  it("user CRUD needs the admin scope; reads accept the auth scope", async () => {
    const store = await newStore();
    const auth = "identity-store:auth";
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: "a" }, scope: auth })).status).toBe(403);
    const created = await api("POST", `/stores/${store}/users`, { body: { extId: "a" } });
    expect((await api("GET", `/stores/${store}/users/${created.body.id}`, { scope: auth })).status).toBe(200);
    expect((await api("DELETE", `/stores/${store}/users/${created.body.id}`, { scope: auth })).status).toBe(403);
  });
});
