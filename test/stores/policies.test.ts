import { describe, expect, it } from "vitest";
import { api, uniqueName } from "../support/api";

async function newStore() {
  const name = uniqueName();
  await api("POST", "/stores", { body: { name } });
  return name;
}

describe("policy endpoints (generic machinery, TOTP and passcode kinds)", () => {
  it("creates a TOTP policy with defaults and returns the whole store", async () => {
    const store = await newStore();
    const res = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "default", digits: 8 } });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(store);
    expect(res.body.configuration.totpPolicies.default).toEqual({
      algorithm: "SHA1",
      digits: 8,
      period: 30,
      window: 1,
      secretSize: 20,
      registrationTimeoutSec: 600,
    });
    const got = await api("GET", `/stores/${store}/totpPolicy/default`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name: "default", digits: 8 });
  });

  it("refuses a duplicate name (409/9003) and invalid fields (400/9001)", async () => {
    const store = await newStore();
    await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "p" } });
    const dup = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "p" } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe(9003);
    const bad = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "q", digits: 7, window: 9, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(9001);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["digits", "window"]));
    const longName = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "x".repeat(21) } });
    expect(longName.status).toBe(400);
  });

  it("updates a policy partially and deletes it; missing ones are 404", async () => {
    const store = await newStore();
    await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "p", period: 60 } });
    const updated = await api("POST", `/stores/${store}/totpPolicy/p`, { body: { algorithm: "SHA256" } });
    expect(updated.status).toBe(200);
    expect(updated.body.configuration.totpPolicies.p).toMatchObject({ algorithm: "SHA256", period: 60 });
    const invalid = await api("POST", `/stores/${store}/totpPolicy/p`, { body: { period: 5 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].path).toBe("period");
    const deleted = await api("DELETE", `/stores/${store}/totpPolicy/p`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.configuration.totpPolicies).toEqual({});
    expect((await api("GET", `/stores/${store}/totpPolicy/p`)).status).toBe(404);
    expect((await api("DELETE", `/stores/${store}/totpPolicy/p`)).body.code).toBe(9002);
    expect((await api("POST", `/stores/${store}/totpPolicy/p`, { body: {} })).status).toBe(404);
  });

  it("passcode policies derive length defaults from the type and check their order", async () => {
    const store = await newStore();
    const pin = await api("POST", `/stores/${store}/passcodePolicy`, { body: { name: "pin", type: "PIN" } });
    expect(pin.status).toBe(201);
    expect(pin.body.configuration.passcodePolicies.pin).toMatchObject({
      type: "PIN",
      minLength: 6,
      maxLength: 12,
      srpGroup: 2048,
      srpHash: "SHA-256",
      srpProfile: "rfc5054",
      expiryDays: 0,
      sessionTimeoutSec: 300,
    });
    const pwd = await api("POST", `/stores/${store}/passcodePolicy`, { body: { name: "pwd" } });
    expect(pwd.body.configuration.passcodePolicies.pwd).toMatchObject({ type: "PASSWORD", minLength: 8, maxLength: 64 });
    const unordered = await api("POST", `/stores/${store}/passcodePolicy`, { body: { name: "bad", minLength: 10, maxLength: 4 } });
    expect(unordered.status).toBe(400);
    expect(unordered.body.details[0].path).toBe("configuration.passcodePolicies.bad.minLength");
    expect((await api("POST", `/stores/${store}/passcodePolicy`, { body: { name: "g", srpGroup: 1024 } })).status).toBe(400);
  });

  it("policies can also be set through the store configuration, validated the same way", async () => {
    const name = uniqueName();
    const res = await api("POST", "/stores", { body: { name, configuration: { totpPolicies: { main: { digits: 6 } } } } });
    expect(res.status).toBe(201);
    expect(res.body.configuration.totpPolicies.main.algorithm).toBe("SHA1");
    const bad = await api("POST", "/stores", { body: { name: uniqueName(), configuration: { totpPolicies: { "bad name": {} } } } });
    expect(bad.status).toBe(400);
  });

  it("policy writes need the admin scope; reads accept the auth scope", async () => {
    const store = await newStore();
    const denied = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "p" }, scope: "identity-store:auth" });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe(9005);
    await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "p" } });
    expect((await api("GET", `/stores/${store}/totpPolicy/p`, { scope: "identity-store:auth" })).status).toBe(200);
  });
});
