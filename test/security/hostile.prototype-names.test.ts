import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";

const NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"];

/** Defect 1 of issue 10: names that are members of Object.prototype counted as existing policies, and some calls answered 500. */
describe("hostile input: caller-chosen names never find a member of Object.prototype", () => {
  it("policy endpoints: such a name does not exist until it is created, and then it is an ordinary policy", async () => {
    const { store } = await storeWithUser();
    const version = async () => (await api("GET", `/stores/${store}`)).body.version as number;
    const start = await version();
    for (const name of NAMES) {
      expect((await api("GET", `/stores/${store}/totpPolicy/${name}`)).status, name).toBe(404);
      expect((await api("DELETE", `/stores/${store}/totpPolicy/${name}`)).status, name).toBe(404);
      expect((await api("POST", `/stores/${store}/totpPolicy/${name}`, { body: { digits: 8 } })).status, name).toBe(404);
      expect((await api("GET", `/stores/${store}/passcodePolicy/${name}`)).status, name).toBe(404);
    }
    expect(await version()).toBe(start);
    const created = await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "constructor", digits: 8 } });
    expect(created.status).toBe(201);
    expect(created.body.configuration.totpPolicies.constructor.digits).toBe(8);
    expect((await api("GET", `/stores/${store}/totpPolicy/constructor`)).body).toMatchObject({ name: "constructor", digits: 8 });
    expect((await api("POST", `/stores/${store}/totpPolicy`, { body: { name: "constructor" } })).status).toBe(409);
  });

  it("ceremonies naming such a policy or relying party → 400/2201, never 500", async () => {
    const { store, userPath } = await storeWithUser();
    for (const name of NAMES) {
      const calls = [
        api("POST", `${userPath}/totps/registrations/${name}`, { body: {} }),
        api("POST", `${userPath}/totps/authentications/${name}`, { body: { code: "123456" } }),
        api("POST", `${userPath}/passcodes/registrations/${name}`, { body: {} }),
        api("POST", `${userPath}/passcodes/authentications/${name}`, { body: {} }),
        api("POST", `/stores/${store}/passkeys/relyingParties/localhost/authentications/${name}`, { body: {} }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.code).toBe(2201);
      }
    }
  });

  it("names outside the documented pattern → 400/9001", async () => {
    const { store } = await storeWithUser();
    for (const name of ["__proto__", "a.b", "x".repeat(21)]) {
      const res = await api("GET", `/stores/${store}/totpPolicy/${name}`);
      expect(res.status, name).toBe(400);
      expect(res.body.code).toBe(9001);
    }
  });

  it("a body key __proto__ → 400/9001; constructor is stored as a plain key, polluting nothing", async () => {
    const { userPath } = await storeWithUser();
    const raw = (text: string) => api("POST", userPath, { rawBody: text, headers: { "content-type": "application/json" } });
    const proto = await raw('{"attributes":{"__proto__":{"admin":true}}}');
    expect(proto.status).toBe(400);
    expect(proto.body).toMatchObject({ code: 9001, message: "The key __proto__ is not accepted." });
    const res = await raw('{"attributes":{"constructor":{"x":1},"toString":"y"}}');
    expect(res.status).toBe(200);
    expect(res.body.attributes).toEqual({ constructor: { x: 1 }, toString: "y" });
    const merged = await raw('{"attributes":{"constructor":{"y":2},"hasOwnProperty":null}}');
    expect(merged.body.attributes).toEqual({ constructor: { x: 1, y: 2 }, toString: "y" });
    expect(({} as Record<string, unknown>)["admin"]).toBeUndefined();
  });
});
