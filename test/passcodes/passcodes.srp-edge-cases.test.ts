import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { ourClient, passcodeUser, peer, randomA, register } from "../support/passcodes";

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

async function challenge(f: Fixture) {
  const start = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
  expect(start.status).toBe(201);
  return start.body;
}

const complete = (f: Fixture, sessionId: string, body: object) => api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body });

describe("SRP edge cases", () => {
  it("A ≡ 0 (mod N) — A = 0, N, 2N — is refused with 2405, audited, not counted", async () => {
    const f = await passcodeUser();
    await register(f, "edge");
    for (const factor of [0n, 1n, 2n]) {
      const c = await challenge(f);
      const A = (BigInt(`0x${c.srp.N}`) * factor).toString(16);
      const res = await complete(f, c.sessionId, { A, M1: "00".repeat(32) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(2405);
    }
    const user = (await api("GET", f.userPath)).body;
    expect(user.locks.failedAttempts).toBe(0);
    const audits = await api("GET", `${f.userPath}/authentications?result=FAILURE`);
    expect(audits.body.content.map((a: { errorCode: number }) => a.errorCode)).toEqual([2405, 2405, 2405]);
  });

  it("malformed hex, a proof of the wrong length, bad salts and out-of-range verifiers are 2405", async () => {
    const f = await passcodeUser();
    await register(f, "edge");
    for (const body of [{ A: "0xabc", M1: "00".repeat(32) }, { A: "zz", M1: "00".repeat(32) }, { A: "abc", M1: "00".repeat(33) }, { A: "abc", M1: "xyz" }]) {
      const c = await challenge(f);
      const res = await complete(f, c.sessionId, body);
      expect(res.body.code, JSON.stringify(body)).toBe(2405);
    }
    const g = await passcodeUser();
    for (const material of [
      { salt: "00".repeat(15), verifier: "abcd" },
      { salt: "00".repeat(65), verifier: "abcd" },
      { salt: "0".repeat(33), verifier: "abcd" },
      { salt: "00".repeat(16), verifier: "1" },
      { salt: "00".repeat(16), verifier: "0" },
    ]) {
      const start = await api("POST", `${g.passcodePath}/registrations/default`, { body: {} });
      const res = await api("POST", `${g.sessions}/registrations/sessions/${start.body.sessionId}`, { body: material });
      expect(res.body.code, JSON.stringify(material)).toBe(2405);
      expect(res.body.user.id).toBe(g.userId);
    }
    const start = await api("POST", `${g.passcodePath}/registrations/default`, { body: {} });
    const tooBig = await api("POST", `${g.sessions}/registrations/sessions/${start.body.sessionId}`, { body: { salt: "00".repeat(16), verifier: start.body.srp.N } });
    expect(tooBig.body.code).toBe(2405);
  });

  it("B with a leading zero byte (bytes(B) ≠ PAD(B)) still interoperates with python3-srp", { timeout: 120_000 }, async () => {
    const f = await passcodeUser();
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    const { identity, srp } = start.body;
    await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: await peer({ op: "register", identity, passcode: "zero", ...srp }) });
    const fullLength = srp.N.length;
    // 1 challenge in 256 has such a B: ask 16 at a time, so that an unlucky draw stays well inside the timeout.
    let c: Awaited<ReturnType<typeof challenge>> | undefined;
    for (let round = 0; !c && round < 200; round++) c = (await Promise.all(Array.from({ length: 16 }, () => challenge(f)))).find((d) => d.B.length <= fullLength - 2);
    if (!c) throw new Error("no B with a leading zero byte in 3200 challenges");
    const a = randomA();
    const { A, M1 } = await peer<{ A: string; M1: string }>({ op: "proof", identity, passcode: "zero", ...srp, a, salt: c.salt, B: c.B });
    const res = await complete(f, c.sessionId, { A, M1 });
    expect(res.status).toBe(200);
    expect((await peer<{ verified: boolean }>({ op: "verify", identity, passcode: "zero", ...srp, a, salt: c.salt, B: c.B, M2: res.body.M2 })).verified).toBe(true);
  });

  it("A and S with a leading zero byte are handled like python3-srp handles them", async () => {
    const f = await passcodeUser();
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    const { identity, srp } = start.body;
    await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: await peer({ op: "register", identity, passcode: "zeros", ...srp }) });
    const fullLength = srp.N.length;
    for (const which of ["A", "S"] as const) {
      const c = await challenge(f);
      let a = randomA();
      let proof = await ourClient.proof(identity, "zeros", srp, c.salt, c.B, a);
      for (let tries = 0; tries < 4000; tries++) {
        const value = which === "A" ? proof.A : proof.S.toString(16);
        if (value.length <= fullLength - 2) break;
        a = randomA();
        proof = await ourClient.proof(identity, "zeros", srp, c.salt, c.B, a);
      }
      expect((which === "A" ? proof.A : proof.S.toString(16)).length).toBeLessThanOrEqual(fullLength - 2);
      const python = await peer<{ A: string; M1: string }>({ op: "proof", identity, passcode: "zeros", ...srp, a, salt: c.salt, B: c.B });
      expect(python.M1).toBe(proof.M1);
      const res = await complete(f, c.sessionId, { A: python.A, M1: python.M1 });
      expect(res.status, which).toBe(200);
      expect(res.body.M2).toBe(proof.expectedM2);
    }
  });

  it("upper-case hex is accepted; M2 is lower-case hex", async () => {
    const f = await passcodeUser();
    await register(f, "case");
    const c = await challenge(f);
    const proof = await ourClient.proof(c.identity, "case", c.srp, c.salt, c.B);
    const res = await complete(f, c.sessionId, { A: proof.A.toUpperCase(), M1: proof.M1.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.M2).toMatch(/^[0-9a-f]+$/);
  });
});
