import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CeremonySessions } from "../../src/sessions/durable-object";
import { sessionShard } from "../../src/sessions/sessions";
import { api } from "../support/api";
import { ourClient, passcodeUser, register } from "../support/passcodes";

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

async function answered(f: Fixture, passcode: string) {
  const start = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
  const proof = await ourClient.proof(start.body.identity, passcode, start.body.srp, start.body.salt, start.body.B);
  return { sessionId: start.body.sessionId as string, body: { A: proof.A, M1: proof.M1 } };
}

describe("passcode ceremony sessions are single use and typed", () => {
  it("a successful complete cannot be replayed (9011)", async () => {
    const f = await passcodeUser();
    await register(f, "once");
    const { sessionId, body } = await answered(f, "once");
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).status).toBe(200);
    const replay = await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe(9011);
  });

  it("a wrong proof spends the session: the right proof afterwards is 9011", async () => {
    const f = await passcodeUser();
    await register(f, "right");
    const start = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
    const wrong = await ourClient.proof(start.body.identity, "wrong", start.body.srp, start.body.salt, start.body.B);
    expect((await api("POST", `${f.sessions}/authentications/sessions/${start.body.sessionId}`, { body: { A: wrong.A, M1: wrong.M1 } })).body.code).toBe(2404);
    const right = await ourClient.proof(start.body.identity, "right", start.body.srp, start.body.salt, start.body.B);
    expect((await api("POST", `${f.sessions}/authentications/sessions/${start.body.sessionId}`, { body: { A: right.A, M1: right.M1 } })).body.code).toBe(9011);
  });

  it("parallel completes of one session: exactly one gets through", async () => {
    const f = await passcodeUser();
    await register(f, "race");
    const { sessionId, body } = await answered(f, "race");
    const results = await Promise.all(Array.from({ length: 6 }, () => api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.body.code === 9011)).toBe(true);
  });

  it("a session of another kind is 2406 and is not consumed", async () => {
    const f = await passcodeUser();
    await register(f, "kinds");
    const { sessionId, body } = await answered(f, "kinds");
    const wrongKind = await api("POST", `${f.sessions}/renewals/sessions/${sessionId}`, { body: { ...body, salt: "00".repeat(16), verifier: "02" } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.code).toBe(2406);
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).status).toBe(200);
    const registration = await api("POST", `${f.passcodePath}/registrations/other`, { body: {} });
    expect(registration.body.code).toBe(2201);
  });

  it("a session of another store does not exist there (404/9002) and is not consumed", async () => {
    const f = await passcodeUser();
    const other = await passcodeUser();
    await register(f, "stores");
    const { sessionId, body } = await answered(f, "stores");
    const res = await api("POST", `${other.sessions}/authentications/sessions/${sessionId}`, { body });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(9002);
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).status).toBe(200);
  });

  it("an expired session is 9011, and unknown or malformed ids too", async () => {
    const f = await passcodeUser();
    await register(f, "late");
    const { sessionId, body } = await answered(f, "late");
    await runInDurableObject(sessionShard(env.SESSIONS, sessionId), (_instance: CeremonySessions, state) => {
      state.storage.sql.exec("UPDATE sessions SET expires_at = ? WHERE id = ?", Date.now() - 1, sessionId);
    });
    expect((await api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })).body.code).toBe(9011);
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "bad!", "x".repeat(64)]) {
      expect((await api("POST", `${f.sessions}/authentications/sessions/${id}`, { body })).body.code).toBe(9011);
    }
  });
});
