import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { ourClient, passcodeUser } from "../support/passcodes";

describe("passcode operations stay within their D1 round-trip budget", () => {
  it("starts: 1; completions (success or counted failure): 2; session refusals: 0; reads: 1", async () => {
    const f = await passcodeUser();
    const measured: Record<string, number> = {};
    const call = async (name: string, method: string, path: string, body?: object) => {
      const res = await api(method, path, body === undefined ? {} : { body });
      measured[name] = d1RoundTrips(res);
      return res;
    };

    const regStart = await call("registration start", "POST", `${f.passcodePath}/registrations/default`, {});
    const material = await ourClient.register(regStart.body.identity, "budget", regStart.body.srp);
    expect((await call("registration complete", "POST", `${f.sessions}/registrations/sessions/${regStart.body.sessionId}`, material)).status).toBe(200);

    const authStart = await call("authentication start", "POST", `${f.passcodePath}/authentications/default`, {});
    const right = await ourClient.proof(authStart.body.identity, "budget", authStart.body.srp, authStart.body.salt, authStart.body.B);
    expect((await call("authentication complete", "POST", `${f.sessions}/authentications/sessions/${authStart.body.sessionId}`, { A: right.A, M1: right.M1 })).status).toBe(200);

    const wrongStart = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
    const wrong = await ourClient.proof(wrongStart.body.identity, "not-it", wrongStart.body.srp, wrongStart.body.salt, wrongStart.body.B);
    expect((await call("session of another kind (2406)", "POST", `${f.sessions}/renewals/sessions/${wrongStart.body.sessionId}`, { A: wrong.A, M1: wrong.M1, ...material })).body.code).toBe(2406);
    expect((await call("wrong proof (2404)", "POST", `${f.sessions}/authentications/sessions/${wrongStart.body.sessionId}`, { A: wrong.A, M1: wrong.M1 })).body.code).toBe(2404);
    expect((await call("used session (9011)", "POST", `${f.sessions}/authentications/sessions/${wrongStart.body.sessionId}`, { A: wrong.A, M1: wrong.M1 })).body.code).toBe(9011);

    const renewStart = await call("renewal start", "POST", `${f.passcodePath}/renewals/default`, {});
    const renewal = await ourClient.proof(renewStart.body.identity, "budget", renewStart.body.srp, renewStart.body.salt, renewStart.body.B);
    const next = await ourClient.register(renewStart.body.identity, "budget-2", renewStart.body.srp);
    expect((await call("renewal complete", "POST", `${f.sessions}/renewals/sessions/${renewStart.body.sessionId}`, { A: renewal.A, M1: renewal.M1, ...next })).status).toBe(200);

    const listed = await call("list passcodes", "GET", f.passcodePath);
    await call("get passcode by policy", "GET", `${f.passcodePath}/registrations/default`);
    await call("get passcode", "GET", `${f.passcodePath}/${listed.body[0].id}`);
    await call("update passcode", "POST", `${f.passcodePath}/${listed.body[0].id}`, { status: "ACTIVE" });
    expect((await call("deregister", "POST", `${f.passcodePath}/deregistrations/default`, {})).status).toBe(200);
    const again = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    await api("POST", `${f.sessions}/registrations/sessions/${again.body.sessionId}`, { body: material });
    const [second] = (await api("GET", f.passcodePath)).body;
    expect((await call("delete passcode", "DELETE", `${f.passcodePath}/${second.id}`)).status).toBe(204);

    expect(measured).toEqual({
      "registration start": 1,
      "registration complete": 2,
      "authentication start": 1,
      "authentication complete": 2,
      "session of another kind (2406)": 0,
      "wrong proof (2404)": 2,
      "used session (9011)": 0,
      "renewal start": 1,
      "renewal complete": 2,
      "list passcodes": 1,
      "get passcode by policy": 1,
      "get passcode": 1,
      "update passcode": 2,
      deregister: 2,
      "delete passcode": 1,
    });
  });
});
