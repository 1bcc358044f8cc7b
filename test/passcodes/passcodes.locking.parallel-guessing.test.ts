import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { ourClient, passcodeUser, register } from "../support/passcodes";

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

const N = 20;

/** A started session answered with `passcode`: every guess needs its own session. */
async function answered(f: Fixture, passcode: string) {
  const start = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
  expect(start.status).toBe(201);
  const proof = await ourClient.proof(start.body.identity, passcode, start.body.srp, start.body.salt, start.body.B);
  return { sessionId: start.body.sessionId as string, body: { A: proof.A, M1: proof.M1 } };
}

/** N sessions started one after the other, then all completed at once. */
async function burst(f: Fixture, answers: Awaited<ReturnType<typeof answered>>[]) {
  return Promise.all(answers.map(({ sessionId, body }) => api("POST", `${f.sessions}/authentications/sessions/${sessionId}`, { body })));
}

async function startedSequentially(f: Fixture, passcode: string, n: number) {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await answered(f, passcode));
  return answers;
}

const codes = (results: { body: { code?: number } }[]) => results.map((r) => r.body.code);
const count = (values: unknown[], value: unknown) => values.filter((v) => v === value).length;

async function failureCodes(f: Fixture) {
  const audits = await api("GET", `${f.userPath}/authentications?type=Passcode&result=FAILURE&size=100`);
  expect(audits.status).toBe(200);
  return audits.body.content.map((a: { errorCode: number }) => a.errorCode) as number[];
}

describe("parallel passcode guessing is bounded by the thresholds", () => {
  it(`modality level: ${N} parallel wrong proofs → exactly 3 verified (2404), ${N - 3} refused (2101); a right proof afterwards is refused unverified`, async () => {
    const f = await passcodeUser({}, { userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 } });
    await register(f, "the-right-one");
    const right = await answered(f, "the-right-one");
    const results = await burst(f, await startedSequentially(f, "a-guess", N));

    expect(count(codes(results), 2404)).toBe(3);
    expect(count(codes(results), 2101)).toBe(N - 3);
    expect(results.every((r) => r.status === 400)).toBe(true);
    const audited = await failureCodes(f);
    expect(count(audited, 2404)).toBe(3);
    expect(count(audited, 2101)).toBe(N - 3);

    const user = (await api("GET", f.userPath)).body;
    expect(user.locks.modalities.passcode.failedAttempts).toBe(3);
    expect(user.locks.modalities.passcode.lockedUntilDtm).not.toBeNull();
    expect(user.locks.failedAttempts).toBe(3);

    const late = await api("POST", `${f.sessions}/authentications/sessions/${right.sessionId}`, { body: right.body });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(2101);
    expect(late.body.user.summaryInfo.passcodes[0].lastAuthenticatedWithDtm).toBeNull();
    const successes = (await api("GET", `${f.userPath}/authentications?type=Passcode&result=SUCCESS`)).body.content;
    expect(successes.map((a: { event: string }) => a.event)).toEqual(["REGISTRATION"]);
    expect((await api("GET", f.userPath)).body.locks.modalities.passcode.failedAttempts).toBe(3);
    expect((await api("POST", `${f.passcodePath}/authentications/default`, { body: {} })).body.code).toBe(2101);
  });

  it(`user level: maxFailedAttempts 4 → exactly 4 of ${N} parallel wrong proofs verified, the rest 2100`, async () => {
    const f = await passcodeUser({}, { userLockConfig: { maxFailedAttempts: 4, modalityMaxFailedAttempts: 100 } });
    await register(f, "the-right-one");
    const results = await burst(f, await startedSequentially(f, "a-guess", N));

    expect(count(codes(results), 2404)).toBe(4);
    expect(count(codes(results), 2100)).toBe(N - 4);
    const audited = await failureCodes(f);
    expect(count(audited, 2404)).toBe(4);
    expect(count(audited, 2100)).toBe(N - 4);
    const user = (await api("GET", f.userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(4);
  });
});
