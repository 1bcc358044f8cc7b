import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { appkeyUser, FACET, registerAppkey } from "../support/appkeys";
import { SoftUafAuthenticator } from "../support/uaf-authenticator";

const N = 20;

/** A user with one appkey, `n` authentication sessions, and an impostor that signs with its own key under the victim's KeyID. */
async function guessingSetup(userLockConfig: object, n: number) {
  const f = await appkeyUser({}, { userLockConfig });
  const { authenticator } = await registerAppkey(f);
  const starts = [];
  for (let i = 0; i < n; i++) {
    const start = await api("POST", `${f.rp}/authentications/default`, { body: {} });
    expect(start.status).toBe(201);
    starts.push(start.body);
  }
  const impostor = new SoftUafAuthenticator();
  await impostor.registerAssertion("x", "y");
  impostor.registrations[0]!.keyId = authenticator.registrations[0]!.keyId;
  const forge = (request: string) => impostor.answer(request, FACET);
  const complete = (sessionId: string, response: string) => api("POST", `${f.appkeys}/authentications/sessions/${sessionId}`, { body: { fidoAuthenticationResponse: response } });
  return { f, authenticator, starts, forge, complete };
}

const count = (codes: (number | undefined)[], code: number) => codes.filter((c) => c === code).length;

async function audits(userPath: string) {
  const records = (await api("GET", `${userPath}/authentications?size=100`)).body.content as { event: string; result: string; errorCode: number | null }[];
  return records.filter((r) => r.event === "AUTHENTICATION");
}

describe("appkeys: parallel guessing is bounded by the lock thresholds", () => {
  it(`modality level: ${N} parallel bad signatures → exactly 3 verified (1095), ${N - 3} × 2101; a correct response afterwards is refused`, async () => {
    const { f, authenticator, starts, forge, complete } = await guessingSetup({ modalityMaxFailedAttempts: 3, maxFailedAttempts: 100 }, N + 1);
    const [honest, ...guesses] = starts;
    const forged = await Promise.all(guesses.map((s) => forge(s.fidoAuthenticationRequest)));
    const codes = (await Promise.all(guesses.map((s, i) => complete(s.sessionId, forged[i]!)))).map((r) => r.body.code);
    expect(count(codes, 1095)).toBe(3);
    expect(count(codes, 2101)).toBe(N - 3);
    const records = await audits(f.userPath);
    expect(records.filter((r) => r.errorCode === 1095)).toHaveLength(3);
    expect(records.filter((r) => r.errorCode === 2101)).toHaveLength(N - 3);
    expect((await api("GET", f.userPath)).body.locks.modalities.appkey.failedAttempts).toBe(3);

    const correct = await complete(honest!.sessionId, await authenticator.answer(honest!.fidoAuthenticationRequest, FACET));
    expect(correct.body.code).toBe(2101);
    expect((await api("GET", `${f.userPath}/appkeys`)).body[0].lastAuthenticatedWithDtm).toBeNull();
    expect((await audits(f.userPath)).filter((r) => r.result === "SUCCESS")).toHaveLength(0);
  });

  it(`user level: ${N} parallel bad signatures → exactly 4 verified (1095), the rest 2100`, async () => {
    const { f, starts, forge, complete } = await guessingSetup({ maxFailedAttempts: 4, modalityMaxFailedAttempts: 100 }, N);
    const forged = await Promise.all(starts.map((s) => forge(s.fidoAuthenticationRequest)));
    const codes = (await Promise.all(starts.map((s, i) => complete(s.sessionId, forged[i]!)))).map((r) => r.body.code);
    expect(count(codes, 1095)).toBe(4);
    expect(count(codes, 2100)).toBe(N - 4);
    expect((await audits(f.userPath)).filter((r) => r.errorCode === 1095)).toHaveLength(4);
    const user = (await api("GET", f.userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.modalities.appkey.failedAttempts).toBe(4);
  });
});
