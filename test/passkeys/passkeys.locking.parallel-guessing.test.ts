import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey } from "../support/passkeys";

const N = 20;

/** A user with one passkey, `n` authentication sessions started one after the other, and an impostor's forged responses for them. */
async function guessingSetup(userLockConfig: object, n: number) {
  const f = await passkeyUser({}, { userLockConfig });
  const { authenticator } = await registerPasskey(f);
  const starts = [];
  for (let i = 0; i < n; i++) {
    const start = await api("POST", `${f.rp}/authentications/default`, { body: {} });
    expect(start.status).toBe(201);
    starts.push(start.body);
  }
  const impostor = await SoftAuthenticator.create();
  const forge = (publicKey: { challenge: string; rpId?: string }) => impostor.assert(publicKey, ORIGIN, { credentialId: authenticator.credentialId });
  const complete = (sessionId: string, response: unknown) => api("POST", `${f.passkeys}/authentications/sessions/${sessionId}`, { body: { response } });
  return { f, authenticator, starts, forge, complete };
}

const codesOf = (responses: { body: { code?: number } }[]) => responses.map((r) => r.body.code);
const count = (codes: (number | undefined)[], code: number) => codes.filter((c) => c === code).length;

async function audits(userPath: string) {
  const records = (await api("GET", `${userPath}/authentications?size=100`)).body.content as { event: string; result: string; errorCode: number | null }[];
  return records.filter((r) => r.event === "AUTHENTICATION");
}

describe("passkeys: parallel guessing is bounded by the lock thresholds", () => {
  it(`modality level: ${N} parallel bad signatures → exactly 3 verified (340), the rest 2101; a correct response afterwards is refused`, async () => {
    const { f, authenticator, starts, forge, complete } = await guessingSetup({ modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 }, N + 1);
    const [honest, ...guesses] = starts;
    const forged = await Promise.all(guesses.map((s) => forge(s.publicKey)));
    const results = await Promise.all(guesses.map((s, i) => complete(s.sessionId, forged[i])));
    const codes = codesOf(results);
    expect(count(codes, 340)).toBe(3);
    expect(count(codes, 2101)).toBe(N - 3);

    const records = await audits(f.userPath);
    expect(records.filter((r) => r.errorCode === 340)).toHaveLength(3);
    expect(records.filter((r) => r.errorCode === 2101)).toHaveLength(N - 3);
    const user = (await api("GET", f.userPath)).body;
    expect(user.locks.modalities.passkey.failedAttempts).toBe(3);

    const signCount = (await api("GET", `${f.userPath}/passkeys`)).body[0].signCount;
    const correct = await complete(honest.sessionId, await authenticator.assert(honest.publicKey, ORIGIN));
    expect(correct.body.code).toBe(2101);
    expect((await api("GET", `${f.userPath}/passkeys`)).body[0].signCount).toBe(signCount);
    expect((await audits(f.userPath)).filter((r) => r.result === "SUCCESS")).toHaveLength(0);
  });

  it("a correct response sent while the burst is still running, once 3 guesses have failed, is refused (2101) and not verified", async () => {
    const { f, authenticator, starts, forge, complete } = await guessingSetup({ modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 }, N);
    const [honest, ...guesses] = starts;
    const forged = await Promise.all(guesses.map((s) => forge(s.publicKey)));
    const correct = await authenticator.assert(honest.publicKey, ORIGIN);
    let failed = 0;
    let thirdFailure!: () => void;
    const threeFailed = new Promise<void>((resolve) => (thirdFailure = resolve));
    const burst = guesses.map((s, i) =>
      complete(s.sessionId, forged[i]).then((res) => {
        if (res.body.code === 340 && ++failed === 3) thirdFailure();
        return res;
      }),
    );
    await threeFailed;
    const honestResult = await complete(honest.sessionId, correct);
    const codes = codesOf(await Promise.all(burst));
    expect(honestResult.body.code).toBe(2101);
    expect(count(codes, 340)).toBe(3);
    expect(count(codes, 2101)).toBe(N - 1 - 3);
    expect((await audits(f.userPath)).filter((r) => r.result === "SUCCESS")).toHaveLength(0);
    expect((await api("GET", f.userPath)).body.locks.modalities.passkey.failedAttempts).toBe(3);
  });

  it(`user level: ${N} parallel bad signatures → exactly 4 verified (340), the rest 2100`, async () => {
    const { f, starts, forge, complete } = await guessingSetup({ maxFailedAttempts: 4, modalityMaxFailedAttempts: 100 }, N);
    const forged = await Promise.all(starts.map((s) => forge(s.publicKey)));
    const codes = codesOf(await Promise.all(starts.map((s, i) => complete(s.sessionId, forged[i]))));
    expect(count(codes, 340)).toBe(4);
    expect(count(codes, 2100)).toBe(N - 4);
    const records = await audits(f.userPath);
    expect(records.filter((r) => r.errorCode === 340)).toHaveLength(4);
    const user = (await api("GET", f.userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.modalities.passkey.failedAttempts).toBe(4);
  });
});
