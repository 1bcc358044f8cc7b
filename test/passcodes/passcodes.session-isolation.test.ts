import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { ourClient, passcodeUser, register } from "../support/passcodes";

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

const OTHER_TENANT = "tenant-b";

async function answered(f: Fixture, passcode: string) {
  const start = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
  expect(start.status).toBe(201);
  const proof = await ourClient.proof(start.body.identity, passcode, start.body.srp, start.body.salt, start.body.B);
  return { sessionId: start.body.sessionId as string, body: { A: proof.A, M1: proof.M1 } };
}

describe("a passcode session is bound to its tenant, store and kind", () => {
  it("another tenant's store of the same name does not find it (404/9002) and does not consume it", async () => {
    const f = await passcodeUser();
    await register(f, "tenant-bound");
    expect((await api("POST", "/stores", { body: { name: f.store }, tenant: OTHER_TENANT })).status).toBe(201);
    const { sessionId, body } = await answered(f, "tenant-bound");
    const foreign = await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body, tenant: OTHER_TENANT });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(9002);
    expect(foreign.body.user).toBeUndefined();
    const own = await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body });
    expect(own.status).toBe(200);
    expect(own.body.user.id).toBe(f.userId);
  });

  it("another store of the same tenant does not find it (404/9002) and does not consume it", async () => {
    const f = await passcodeUser();
    const other = await passcodeUser();
    await register(f, "store-bound");
    const { sessionId, body } = await answered(f, "store-bound");
    for (const [kind, extra] of [["authentications", {}], ["renewals", { salt: "00".repeat(16), verifier: "02" }]] as const) {
      const res = await api("POST", `${other.sessions}/${kind}/sessions/${sessionId}`, { body: { ...body, ...extra } });
      expect(res.status, kind).toBe(404);
      expect(res.body.code, kind).toBe(9002);
    }
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).status).toBe(200);
  });

  it("a registration session at the authentication endpoint is 2406 and is not consumed", async () => {
    const f = await passcodeUser();
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    expect(start.status).toBe(201);
    const material = await ourClient.register(start.body.identity, "kind-bound", start.body.srp);
    const wrongKind = await api("POST", `${f.sessions}/authentications/sessions/${start.body.sessionId}`, { body: { A: "abc", M1: "00".repeat(32) } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.code).toBe(2406);
    const registered = await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: material });
    expect(registered.status).toBe(200);
    expect(registered.body.passcode.status).toBe("ACTIVE");
  });

  it("an authentication session at the registration endpoint is 2406 and is not consumed", async () => {
    const f = await passcodeUser();
    await register(f, "kind-bound");
    const { sessionId, body } = await answered(f, "kind-bound");
    const wrongKind = await api("POST", `${f.sessions}/registrations/sessions/${sessionId}`, { body: { salt: "00".repeat(16), verifier: "02" } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.code).toBe(2406);
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).status).toBe(200);
  });

  it("refusals of the binding are not attempts: no counter moves, nothing is audited", async () => {
    const f = await passcodeUser();
    const other = await passcodeUser();
    await register(f, "quiet");
    const { sessionId } = await answered(f, "quiet");
    const wrong = { A: "abc", M1: "00".repeat(32) };
    await api("POST", `${other.sessions}/authentications/sessions/${sessionId}`, { body: wrong });
    await api("POST", `${f.sessions}/renewals/sessions/${sessionId}`, { body: { ...wrong, salt: "00".repeat(16), verifier: "02" } });
    const user = (await api("GET", f.userPath)).body;
    expect(user.locks).toMatchObject({ failedAttempts: 0, modalities: {} });
    const audits = await api("GET", `${f.userPath}/authentications?type=Passcode`);
    expect(audits.body.content.filter((a: { event: string }) => a.event === "AUTHENTICATION")).toEqual([]);
  });
});
