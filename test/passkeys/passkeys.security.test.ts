import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey, RP, signIn } from "../support/passkeys";

describe("passkey security rules", () => {
  it("origin: https only (382), within the rpId (383), in restrictedOrigins when set (354)", async () => {
    const f = await passkeyUser({ restrictedOrigins: ["https://login.example.com"] });
    expect((await registerPasskey(f, { origin: "http://example.com" })).complete.body.code).toBe(382);
    expect((await registerPasskey(f, { origin: "https://evil.test" })).complete.body.code).toBe(383);
    expect((await registerPasskey(f, { origin: "https://example.com" })).complete.body.code).toBe(354);
    expect((await registerPasskey(f, { origin: "https://login.example.com" })).complete.status).toBe(200);
    const open = await passkeyUser();
    expect((await registerPasskey(open, { origin: "https://sub.example.com" })).complete.status).toBe(200);
    expect((await registerPasskey(open, { origin: "https://notexample.com" })).complete.body.code).toBe(383);
  });

  it("http is allowed only on localhost (a browser secure context)", async () => {
    const f = await passkeyUser();
    const local = await api("POST", `/stores/${f.store}/passkeyConfig`, { body: { rpId: "localhost" } });
    expect(local.status).toBe(201);
    const authenticator = await SoftAuthenticator.create();
    const start = await api("POST", `${f.userPath}/passkeys/relyingParties/localhost/registrations/default`, { body: {} });
    const response = await authenticator.register(start.body.publicKey, "http://localhost:8787");
    expect((await api("POST", `${f.passkeys}/registrations/sessions/${start.body.sessionId}`, { body: { response } })).status).toBe(200);
  });

  it("an IP address is no relying-party id (400/9001 saying why)", async () => {
    const f = await passkeyUser();
    for (const rpId of ["127.0.0.1", "10.0.0.8", "0x7f000001", "192.168.0.1"]) {
      const refused = await api("POST", `/stores/${f.store}/passkeyConfig`, { body: { rpId } });
      expect(refused.status, rpId).toBe(400);
      expect(refused.body.code).toBe(9001);
      expect(JSON.stringify(refused.body.details)).toMatch(/not an IP address.*localhost/);
    }
    expect((await api("POST", `/stores/${f.store}/passkeyConfig`, { body: { rpId: "login.example.com" } })).status).toBe(201);
  });

  it("challenge mismatch (353), wrong ceremony type (352) and token binding (356)", async () => {
    const f = await passkeyUser();
    expect((await registerPasskey(f, { clientData: { challenge: "AAAA" } })).complete.body.code).toBe(353);
    expect((await registerPasskey(f, { clientData: { type: "webauthn.get" } })).complete.body.code).toBe(352);
    expect((await registerPasskey(f, { clientData: { tokenBinding: { status: "present" } } })).complete.body.code).toBe(356);
    const { authenticator } = await registerPasskey(f);
    expect((await signIn(f, authenticator, { clientData: { challenge: "AAAA" } })).complete.body.code).toBe(353);
    expect((await signIn(f, authenticator, { clientData: { type: "webauthn.create" } })).complete.body.code).toBe(352);
  });

  it("a registration session used for authentication is 352", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    const regStart = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    const response = await authenticator.assert({ challenge: regStart.body.publicKey.challenge, rpId: RP }, ORIGIN);
    const res = await api("POST", `${f.passkeys}/authentications/sessions/${regStart.body.sessionId}`, { body: { response } });
    expect(res.body.code).toBe(352);
  });

  it("INTERNAL challenges are single use: replaying a completed response is 9011", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    const { start, complete, response } = await signIn(f, authenticator);
    expect(complete.status).toBe(200);
    expect((await api("POST", `${f.passkeys}/authentications/sessions/${start.body.sessionId}`, { body: { response } })).body.code).toBe(9011);
  });

  it("user verification missing when required → 341; allowed when the policy prefers", async () => {
    const f = await passkeyUser();
    expect((await registerPasskey(f, { flags: { uv: false } })).complete.body.code).toBe(341);
    const { authenticator } = await registerPasskey(f);
    const res = await signIn(f, authenticator, { flags: { uv: false } });
    expect(res.complete.body.code).toBe(341);
    expect(res.complete.body.user.locks.modalities.passkey.failedAttempts).toBe(1);
    const lax = await passkeyUser({ registrationPolicies: { default: { userVerification: "preferred" } }, authenticationPolicies: { default: { userVerification: "preferred" } } });
    const reg = await registerPasskey(lax, { flags: { uv: false } });
    expect(reg.complete.status).toBe(200);
    expect(reg.complete.body.passkey.userVerified).toBe(false);
  });

  it("backup state without backup eligibility is refused (342); BE/BS are stored and BS updated", async () => {
    const f = await passkeyUser();
    expect((await registerPasskey(f, { flags: { be: false, bs: true } })).complete.body.code).toBe(342);
    const synced = await SoftAuthenticator.create({ flags: { be: true, bs: false } });
    const { complete } = await registerPasskey(f, { authenticator: synced });
    expect(complete.body.passkey).toMatchObject({ backupEligible: true, backupState: false });
    const signed = await signIn(f, synced, { flags: { be: true, bs: true } });
    expect(signed.complete.body.passkey.backupState).toBe(true);
    expect((await signIn(f, synced, { flags: { be: false, bs: true } })).complete.body.code).toBe(342);
  });

  it("a sign counter that does not increase → 372 and the passkey is disabled", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    expect((await signIn(f, authenticator, { counter: 5 })).complete.status).toBe(200);
    const clone = await signIn(f, authenticator, { counter: 5 });
    expect(clone.complete.body.code).toBe(372);
    const passkey = (await api("GET", `${f.userPath}/passkeys`)).body[0];
    expect(passkey.status).toBe("DISABLED");
    expect(clone.complete.body.user.summaryInfo.passkeys[0].status).toBe("DISABLED");
  });

  it("a bad signature is 340 and counted; it cannot disable the passkey through the counter", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    await signIn(f, authenticator, { counter: 10 });
    const impostor = await SoftAuthenticator.create();
    const forged = await signIn(f, impostor, { credentialId: authenticator.credentialId, counter: 1 });
    expect(forged.complete.body.code).toBe(340);
    expect((await api("GET", `${f.userPath}/passkeys`)).body[0].status).toBe("ACTIVE");
  });

  it("unknown credential (362), another user's credential (363), not offered (364)", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    const stranger = await SoftAuthenticator.create();
    expect((await signIn(f, stranger)).complete.body.code).toBe(362);
    const other = await api("POST", `/stores/${f.store}/users`, { body: { extId: "other-user" } });
    const otherStart = await api("POST", `/stores/${f.store}/users/${other.body.id}/passkeys/relyingParties/${RP}/registrations/default`, { body: {} });
    const otherKey = await SoftAuthenticator.create();
    await api("POST", `${f.passkeys}/registrations/sessions/${otherStart.body.sessionId}`, { body: { response: await otherKey.register(otherStart.body.publicKey, ORIGIN) } });
    expect((await signIn(f, authenticator, { credentialId: otherKey.credentialId })).complete.body.code).toBe(363);
  });

  it("failures lock the passkey modality (2101) and the user (2100)", async () => {
    const f = await passkeyUser({}, { userLockConfig: { modalityMaxFailedAttempts: 2, maxFailedAttempts: 10 } });
    const { authenticator } = await registerPasskey(f);
    await signIn(f, authenticator, { clientData: { challenge: "AAAA" } });
    await signIn(f, authenticator, { clientData: { challenge: "AAAA" } });
    const locked = await signIn(f, authenticator);
    expect(locked.start.status).toBe(400);
    expect(locked.start.body.code).toBe(2101);
    const usernameless = await signIn(f, authenticator, { usernameless: true });
    expect(usernameless.complete.body.code).toBe(2101);
  });

  it("EXTERNAL sessionData: tampered → 9011, sent to an INTERNAL relying party → 388", async () => {
    const f = await passkeyUser({ sessionManagement: "EXTERNAL" });
    const { authenticator } = await registerPasskey(f);
    const start = await api("POST", `${f.rp}/authentications/default`, { body: {} });
    const response = await authenticator.assert(start.body.publicKey, ORIGIN);
    const tampered = start.body.sessionData.slice(0, -2) + (start.body.sessionData.endsWith("A") ? "BB" : "AA");
    expect((await api("POST", `${f.passkeys}/authentications`, { body: { sessionData: tampered, response } })).body.code).toBe(9011);
    await api("POST", `/stores/${f.store}/passkeyConfig/${RP}`, { body: { sessionManagement: "INTERNAL" } });
    expect((await api("POST", `${f.passkeys}/authentications`, { body: { sessionData: start.body.sessionData, response } })).body.code).toBe(388);
  });
});
