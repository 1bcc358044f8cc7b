import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey, RP, signIn } from "../support/passkeys";

describe("passkeys: D1 round trips per operation", () => {
  it("start ≤ 1, complete ≤ 2 (registration, authentication by user and usernameless, failures)", async () => {
    const f = await passkeyUser();
    const { start: regStart, complete: regComplete, authenticator } = await registerPasskey(f);
    expect(d1RoundTrips(regStart)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(regComplete)).toBeLessThanOrEqual(2);

    const byExtId = await api("POST", `${f.passkeys}/relyingParties/${RP}/registrations/default`, { body: { extId: f.extId } });
    expect(byExtId.status).toBe(201);
    expect(d1RoundTrips(byExtId)).toBeLessThanOrEqual(1);

    const signedIn = await signIn(f, authenticator);
    expect(signedIn.complete.status).toBe(200);
    expect(d1RoundTrips(signedIn.start)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(signedIn.complete)).toBeLessThanOrEqual(2);

    const usernameless = await signIn(f, authenticator, { usernameless: true });
    expect(usernameless.complete.status).toBe(200);
    expect(d1RoundTrips(usernameless.start)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(usernameless.complete)).toBeLessThanOrEqual(2);

    const forged = await signIn(f, await SoftAuthenticator.create(), { credentialId: authenticator.credentialId });
    expect(forged.complete.body.code).toBe(340);
    expect(d1RoundTrips(forged.complete)).toBeLessThanOrEqual(2);

    const regression = await signIn(f, authenticator, { counter: 1 });
    expect(regression.complete.body.code).toBe(372);
    expect(d1RoundTrips(regression.complete)).toBeLessThanOrEqual(2);

    const again = await registerPasskey(f, { authenticator: await SoftAuthenticator.create() });
    const duplicate = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    const replayed = await api("POST", `${f.passkeys}/registrations/sessions/${duplicate.body.sessionId}`, {
      body: { response: await again.authenticator.register(duplicate.body.publicKey, ORIGIN) },
    });
    expect(replayed.status).toBe(409);
    expect(d1RoundTrips(replayed)).toBeLessThanOrEqual(2);

    expect(d1RoundTrips(await api("GET", `${f.userPath}/passkeys`))).toBe(1);
  });

  it("the store-scoped start that creates its user: the read, the store and the insert", async () => {
    const f = await passkeyUser();
    const res = await api("POST", `${f.passkeys}/relyingParties/${RP}/registrations/default`, { body: { extId: "fresh-person", createUser: true } });
    expect(res.status).toBe(201);
    expect(d1RoundTrips(res)).toBeLessThanOrEqual(3);
  });
});
