import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { appkeyUser, FACET, registerAppkey, RP, signInAppkey } from "../support/appkeys";
import { createTestCa, SoftUafAuthenticator } from "../support/uaf-authenticator";

describe("appkeys: config, registration and authentication through HTTP", () => {
  it("appkeyConfig: create, read, update, delete (POST both seed forms); the public facets document", async () => {
    const f = await appkeyUser();
    const read = await api("GET", `/stores/${f.store}/appkeyConfig/${RP}`);
    expect(read.status).toBe(200);
    const updated = await api("POST", `/stores/${f.store}/appkeyConfig/${RP}`, { body: { trustedFacets: ["ios:bundle-id:com.bank.app"] } });
    expect(updated.status).toBe(200);
    const facets = await api("GET", `/facets/${f.storeId}/${RP}`, { anonymous: true });
    expect(facets.status).toBe(200);
    expect(facets.headers.get("content-type")).toBe("application/fido.trusted-apps+json");
    expect(facets.body).toEqual({ trustedFacets: [{ version: { major: 1, minor: 1 }, ids: ["ios:bundle-id:com.bank.app"] }] });
    expect((await api("GET", `/facets/${f.storeId}/other.example`, { anonymous: true })).status).toBe(404);
    expect((await api("GET", `/facets/nope/${RP}`, { anonymous: true })).status).toBe(404);
    // only GET is public
    expect((await api("POST", `/facets/${f.storeId}/${RP}`, { anonymous: true, body: {} })).status).toBe(401);
    expect((await api("DELETE", `/stores/${f.store}/appkeyConfig/${RP}`)).status).toBeLessThan(300);
    expect((await api("GET", `/facets/${f.storeId}/${RP}`, { anonymous: true })).status).toBe(404);
  });

  it("registers (basic surrogate) and authenticates (INTERNAL); the appkey is listed, in summaryInfo, audited", async () => {
    const f = await appkeyUser();
    const { complete, authenticator, start } = await registerAppkey(f);
    expect(complete.status).toBe(200);
    const request = JSON.parse(start.body.fidoRegistrationRequest);
    expect(request[0].header).toMatchObject({ op: "Reg", appID: `https://is.test/api/identity-store/facets/${f.storeId}/${RP}` });
    expect(request[0].policy.accepted).toHaveLength(2);
    expect(complete.body.appkey).toMatchObject({ rpId: RP, aaid: "FFFF#FC01", keyType: "DEVICE", attestationType: "BASIC_SURROGATE", attestationVerified: false, status: "ACTIVE", deviceId: "device-1" });
    expect(complete.body.user.summaryInfo.appkeys).toHaveLength(1);

    const signed = await signInAppkey(f, authenticator);
    expect(signed.complete.status).toBe(200);
    expect(signed.complete.body.authenticationId).toBeTruthy();
    const audit = await api("GET", `${f.userPath}/authentications/${signed.complete.body.authenticationId}`);
    expect(audit.body).toMatchObject({ type: "Appkey", result: "SUCCESS", rpId: RP });
    expect(audit.body.authAuditRecord.appkeyInfo).toMatchObject({ id: complete.body.appkey.id, keyId: complete.body.appkey.keyId, aaid: "FFFF#FC01", deviceId: "device-1" });

    const list = await api("GET", `${f.userPath}/appkeys`);
    expect(list.body).toHaveLength(1);
    const id = list.body[0].id;
    expect((await api("GET", `${f.userPath}/appkeys/${id}`)).body.lastAuthenticatedWithDtm).toBeTruthy();
    const regAudit = await api("GET", `${f.userPath}/appkeys/${id}/registrationAudit`);
    expect(regAudit.body).toMatchObject({ type: "Appkey", event: "REGISTRATION", result: "SUCCESS" });
    expect((await api("GET", `/stores/${f.store}/users/${f.extId}/appkeys/${id}/ext`)).status).toBe(200);
  });

  it("EXTERNAL session management, counters that increase, a transaction", async () => {
    const f = await appkeyUser({ sessionManagement: "EXTERNAL" });
    const { complete, authenticator } = await registerAppkey(f, { authenticatorOptions: { counter: "increment" } });
    expect(complete.status).toBe(200);
    const first = await signInAppkey(f, authenticator);
    expect(first.start.body.sessionData).toBeTruthy();
    expect(first.complete.status).toBe(200);
    const tx = await signInAppkey(f, authenticator, { transaction: "Pay 10 EUR to Bob" });
    expect(tx.complete.status).toBe(200);
    expect(tx.complete.body.appkey.signCounter).toBe(3);
  });

  it("basic full attestation: chained to the AAID's trust root (verified), policy VERIFIED without roots refused (1097)", async () => {
    const ca = await createTestCa();
    const f = await appkeyUser({ trustRoots: { "FFFF#FC01": [ca.rootPem] } });
    const full = await registerAppkey(f, { authenticatorOptions: { ca } });
    expect(full.complete.status).toBe(200);
    expect(full.complete.body.appkey).toMatchObject({ attestationType: "BASIC_FULL", attestationVerified: true });
    const surrogate = await registerAppkey(f);
    expect(surrogate.complete.body.code).toBe(1097);
    const other = await registerAppkey(f, { authenticatorOptions: { ca: await createTestCa({ name: "Other" }) } });
    expect(other.complete.body.code).toBe(1097);

    const g = await appkeyUser({ registrationPolicies: { default: { attestation: "VERIFIED" } } });
    expect((await registerAppkey(g)).complete.body.code).toBe(1097);
  });

  it("updates and deletes an appkey; the push token is never returned", async () => {
    const f = await appkeyUser();
    const { complete } = await registerAppkey(f, { body: { pushToken: "secret-token", pushPlatform: "FCM" } });
    expect(complete.body.appkey.hasPushToken).toBe(true);
    expect(JSON.stringify(complete.body)).not.toContain("secret-token");
    const id = complete.body.appkey.id;
    const updated = await api("POST", `${f.userPath}/appkeys/${id}`, { body: { name: "Work phone", status: "DISABLED" } });
    expect(updated.body).toMatchObject({ name: "Work phone", status: "DISABLED" });
    expect((await api("DELETE", `${f.userPath}/appkeys/${id}`)).status).toBe(204);
    expect((await api("GET", `${f.userPath}/appkeys/${id}`)).status).toBe(404);
  });

  it("deregistration: all keys of the rpId, or one by KeyID, returns the UAF deregistration request", async () => {
    const f = await appkeyUser();
    const a = await registerAppkey(f);
    const b = await registerAppkey(f, { body: { deviceId: "device-2" } });
    const c = await registerAppkey(f, { body: { deviceId: "device-3" } });
    const one = await api("DELETE", `${f.rp}/registrations/keyIds/${a.complete.body.appkey.keyId}`);
    expect(one.status).toBe(200);
    const request = JSON.parse(one.body.fidoDeregistrationRequest);
    expect(request[0].header.op).toBe("Dereg");
    expect(request[0].authenticators).toEqual([{ aaid: "FFFF#FC01", keyID: a.complete.body.appkey.keyId }]);
    expect(one.body.user.summaryInfo.appkeys).toHaveLength(2);
    expect((await api("DELETE", `${f.rp}/registrations/keyIds/${a.complete.body.appkey.keyId}`)).status).toBe(404);

    await api("POST", `${f.rp}/preferredDevices`, { body: { deviceId: "device-2" } });
    const all = await api("POST", `${f.rp}/deregistrations`, { body: {} });
    expect(all.status).toBe(200);
    expect(JSON.parse(all.body.fidoDeregistrationRequest)[0].authenticators.map((x: { keyID: string }) => x.keyID).sort()).toEqual(
      [b.complete.body.appkey.keyId, c.complete.body.appkey.keyId].sort(),
    );
    expect(all.body.user.summaryInfo.appkeys).toHaveLength(0);
    expect(all.body.user.attributes.appkeyPreferredDevices?.[RP]).toBeUndefined();
    expect((await api("POST", `/stores/${f.store}/users/${f.extId}/appkeys/relyingParties/${RP}/deregistrations/ext`, { body: {} })).status).toBe(200);
  });

  it("preferred devices: set (first, no duplicates), remove one, clear; a device without an appkey → 1109", async () => {
    const f = await appkeyUser();
    await registerAppkey(f, { body: { deviceId: "d1" } });
    await registerAppkey(f, { body: { deviceId: "d2" } });
    const path = `${f.rp}/preferredDevices`;
    expect((await api("POST", path, { body: { deviceId: "d1" } })).body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d1"]);
    expect((await api("POST", path, { body: { deviceId: "d2" } })).body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d2", "d1"]);
    expect((await api("POST", path, { body: { deviceId: "d1" } })).body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d1", "d2"]);
    expect((await api("POST", path, { body: { deviceId: "d9" } })).body.code).toBe(1109);
    const removed = await api("DELETE", `${f.rp}/preferredDevice/d1`);
    expect(removed.status).toBe(200);
    expect(removed.body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d2"]);
    const cleared = await api("DELETE", path);
    expect(cleared.body.user.attributes.appkeyPreferredDevices[RP]).toBeUndefined();
    expect((await api("DELETE", `/stores/${f.store}/users/${f.extId}/appkeys/relyingParties/${RP}/preferredDevices/ext`)).status).toBe(200);
    expect((await api("DELETE", `/stores/${f.store}/users/${f.extId}/appkeys/relyingParties/${RP}/preferredDevice/d2/ext`)).status).toBe(200);
  });

  it("a removed appkey's device leaves the preferred devices (by KeyID, and by id)", async () => {
    const f = await appkeyUser();
    const one = await registerAppkey(f, { body: { deviceId: "d1" } });
    const two = await registerAppkey(f, { body: { deviceId: "d2" } });
    await api("POST", `${f.rp}/preferredDevices`, { body: { deviceId: "d1" } });
    expect((await api("POST", `${f.rp}/preferredDevices`, { body: { deviceId: "d2" } })).body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d2", "d1"]);
    const byKeyId = await api("DELETE", `${f.rp}/registrations/keyIds/${one.complete.body.appkey.keyId}`);
    expect(byKeyId.body.user.attributes.appkeyPreferredDevices[RP]).toEqual(["d2"]);
    const userPath = `/stores/${f.store}/users/${f.extId}`;
    expect((await api("DELETE", `${userPath}/appkeys/${two.complete.body.appkey.id}/ext`)).status).toBe(204);
    expect((await api("GET", `${userPath}/ext`)).body.attributes.appkeyPreferredDevices?.[RP]).toBeUndefined();
  });

  it("the facet a real client reports with padded standard base64 fcParams is accepted (FINAL_CHALLENGE over the string as received)", async () => {
    const f = await appkeyUser();
    const authenticator = new SoftUafAuthenticator();
    const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    const [req] = JSON.parse(start.body.fidoRegistrationRequest);
    const { response } = await authenticator.registrationResponse({ appID: req.header.appID, facetID: FACET, challenge: req.challenge, paddedStandardBase64: true });
    const res = await api("POST", `${f.appkeys}/registrations/sessions/${start.body.sessionId}`, { body: { fidoRegistrationResponse: response } });
    expect(res.status).toBe(200);
  });
});
