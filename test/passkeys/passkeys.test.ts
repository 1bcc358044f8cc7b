import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey, RP, signIn } from "../support/passkeys";

describe("passkey registration", () => {
  it("returns creation options with the policy's hints and stores the credential (attestation none)", async () => {
    const f = await passkeyUser();
    const { start, complete, authenticator } = await registerPasskey(f);
    expect(start.body.publicKey).toMatchObject({
      rp: { id: RP, name: "Example" },
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
      attestation: "none",
      hints: ["client-device"],
    });
    expect(start.body.publicKey.challenge.length).toBeGreaterThanOrEqual(43);
    expect(complete.status).toBe(200);
    expect(complete.body.passkey).toMatchObject({ rpId: RP, credentialId: authenticator.credentialId, status: "ACTIVE", name: "Laptop", attestationFormat: "none", userVerified: true, backupEligible: false, backupState: false });
    expect(complete.body.user.attributes.passkeyUsers[RP].USER_HANDLE).toBe(start.body.publicKey.user.id);
    expect(complete.body.user.summaryInfo.passkeys).toHaveLength(1);
    const audit = await api("GET", `${f.userPath}/passkeys/${complete.body.passkey.id}/registrationAudit`);
    expect(audit.body).toMatchObject({ type: "Passkey", event: "REGISTRATION", result: "SUCCESS", rpId: RP, authAuditRecord: { passkeyInfo: { id: complete.body.passkey.id } } });
  });

  it("verifies packed self-attestation", async () => {
    const f = await passkeyUser({ registrationPolicies: { default: { attestation: "direct" } } });
    const { complete } = await registerPasskey(f, { format: "packed" });
    expect(complete.status).toBe(200);
    expect(complete.body.passkey.attestationFormat).toBe("packed");
  });

  it("a tampered packed attestation signature is refused (340)", async () => {
    const f = await passkeyUser({ registrationPolicies: { default: { attestation: "direct" } } });
    const authenticator = await SoftAuthenticator.create();
    const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    const response = await authenticator.register(start.body.publicKey, ORIGIN, { format: "packed" });
    const clientData = JSON.parse(atob(response.response.clientDataJSON.replace(/-/g, "+").replace(/_/g, "/")));
    response.response.clientDataJSON = btoa(JSON.stringify({ ...clientData, crossOrigin: true })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const res = await api("POST", `${f.passkeys}/registrations/sessions/${start.body.sessionId}`, { body: { response } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(340);
  });

  it("the store-scoped start creates the user by extId when asked", async () => {
    const f = await passkeyUser();
    const res = await api("POST", `${f.passkeys}/relyingParties/${RP}/registrations/default`, { body: { extId: "new-person", createUser: true, displayName: "New Person" } });
    expect(res.status).toBe(201);
    expect(res.body.publicKey.user).toMatchObject({ name: "new-person", displayName: "New Person" });
    expect((await api("GET", `/stores/${f.store}/users/new-person/ext`)).status).toBe(200);
    expect((await api("POST", `${f.passkeys}/relyingParties/${RP}/registrations/default`, { body: { extId: "nobody" } })).status).toBe(404);
  });

  it("excludes the user's existing credentials and refuses registering one twice (409)", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    const again = await registerPasskey(f, { authenticator });
    expect(again.start.body.publicKey.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentialId]);
    expect(again.complete.status).toBe(409);
  });

  it("client-reported failures are 397/398/403 with the user, and audited", async () => {
    const f = await passkeyUser();
    for (const [reason, code] of [["FAILED", 397], ["CANCELLED", 398], ["TIMEOUT", 403]] as const) {
      const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
      const res = await api("POST", `${f.passkeys}/registrations/sessions/${start.body.sessionId}`, { body: { failure: { reason } } });
      expect(res.body.code).toBe(code);
      expect(res.body.user.id).toBe(f.userId);
    }
    const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    expect((await api("POST", `${f.passkeys}/registrations/sessions/${start.body.sessionId}`, { body: {} })).body.code).toBe(395);
  });

  it("unknown relying party or policy → 2201", async () => {
    const f = await passkeyUser();
    expect((await api("POST", `${f.userPath}/passkeys/relyingParties/other.example/registrations/default`, { body: {} })).body.code).toBe(2201);
    expect((await api("POST", `${f.rp}/registrations/nope`, { body: {} })).body.code).toBe(2201);
  });
});

describe("passkey authentication", () => {
  it("signs in with the user's passkey: allowCredentials, counter, audit", async () => {
    const f = await passkeyUser();
    const { authenticator, complete: reg } = await registerPasskey(f);
    const { start, complete } = await signIn(f, authenticator);
    expect(start.body.publicKey.allowCredentials.map((c: { id: string }) => c.id)).toEqual([authenticator.credentialId]);
    expect(start.body.publicKey.hints).toEqual(["client-device", "hybrid"]);
    expect(complete.status).toBe(200);
    expect(complete.body.passkey.signCount).toBe(1);
    expect(complete.body.user.lastAuthenticatedDtm).not.toBeNull();
    const audit = await api("GET", `${f.userPath}/authentications/${complete.body.authenticationId}`);
    expect(audit.body).toMatchObject({ type: "Passkey", event: "AUTHENTICATION", result: "SUCCESS", authAuditRecord: { passkeyInfo: { id: reg.body.passkey.id, signCount: 1, userVerified: true } } });
  });

  it("usernameless: empty allowCredentials, user found through the credential and user handle", async () => {
    const f = await passkeyUser();
    const { authenticator } = await registerPasskey(f);
    const { start, complete } = await signIn(f, authenticator, { usernameless: true });
    expect(start.body.publicKey.allowCredentials).toEqual([]);
    expect(complete.status).toBe(200);
    expect(complete.body.user.id).toBe(f.userId);
    const noHandle = await signIn(f, authenticator, { usernameless: true, userHandle: null });
    expect(noHandle.complete.body.code).toBe(364);
    const wrongHandle = await signIn(f, authenticator, { usernameless: true, userHandle: "AAAA" });
    expect(wrongHandle.complete.body.code).toBe(365);
  });

  it("EXTERNAL session management: sealed sessionData, single use", async () => {
    const f = await passkeyUser({ sessionManagement: "EXTERNAL" });
    const { authenticator, start: regStart, complete: reg } = await registerPasskey(f);
    expect(regStart.body.sessionId).toBeUndefined();
    expect(regStart.body.sessionData).toBeTruthy();
    expect(reg.status).toBe(200);
    const { start, complete, response } = await signIn(f, authenticator);
    expect(complete.status).toBe(200);
    const replay = await api("POST", `${f.passkeys}/authentications`, { body: { sessionData: start.body.sessionData, response } });
    expect(replay.body.code).toBe(9011);
    expect((await api("POST", `${f.passkeys}/authentications`, { body: { response } })).body.code).toBe(384);
  });

  it("manages passkeys: list, get, rename, disable (→ 348), delete", async () => {
    const f = await passkeyUser();
    const { authenticator, complete: reg } = await registerPasskey(f);
    const id = reg.body.passkey.id;
    expect((await api("GET", `${f.userPath}/passkeys`)).body).toHaveLength(1);
    expect((await api("POST", `${f.userPath}/passkeys/${id}`, { body: { name: "Phone" } })).body.name).toBe("Phone");
    await api("POST", `${f.userPath}/passkeys/${id}`, { body: { status: "DISABLED" } });
    const usernameless = await signIn(f, authenticator, { usernameless: true });
    expect(usernameless.complete.body.code).toBe(348);
    expect((await signIn(f, authenticator)).start.body.code).toBe(364);
    expect((await api("GET", `/stores/${f.store}/users/${f.extId}/passkeys/${id}/ext`)).body.status).toBe("DISABLED");
    expect((await api("DELETE", `${f.userPath}/passkeys/${id}`)).status).toBe(204);
    expect((await api("GET", `${f.userPath}/passkeys/${id}`)).status).toBe(404);
  });
});
