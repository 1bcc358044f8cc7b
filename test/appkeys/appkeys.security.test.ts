import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { appkeyUser, completeAuthentication, FACET, registerAppkey, RP, signInAppkey, singleShot, singleShotChallenge } from "../support/appkeys";
import { SoftUafAuthenticator } from "../support/uaf-authenticator";

const TENANT_B = "tenant-b";

describe("appkeys: replay, clones, sessions, single-shot", () => {
  it("replay: a session is single-use (9011), and the same response in another session fails its challenge (1029)", async () => {
    const f = await appkeyUser();
    const { authenticator } = await registerAppkey(f);
    const signed = await signInAppkey(f, authenticator);
    expect(signed.complete.status).toBe(200);
    const again = await completeAuthentication(f, signed.start.body, { fidoAuthenticationResponse: signed.response });
    expect(again.body.code).toBe(9011);
    const other = await api("POST", `${f.rp}/authentications/default`, { body: {} });
    expect((await completeAuthentication(f, other.body, { fidoAuthenticationResponse: signed.response })).body.code).toBe(1029);

    const ext = await appkeyUser({ sessionManagement: "EXTERNAL" });
    const key = await registerAppkey(ext);
    const once = await signInAppkey(ext, key.authenticator);
    expect(once.complete.status).toBe(200);
    expect((await completeAuthentication(ext, once.start.body, { fidoAuthenticationResponse: once.response })).body.code).toBe(9011);
  });

  it("clone counter: a counter not above the stored one → 1061 and the appkey DISABLED; counter 0/0 is accepted; a forged low counter disables nothing", async () => {
    const f = await appkeyUser();
    const { authenticator, complete } = await registerAppkey(f, { authenticatorOptions: { counter: "increment" } });
    expect((await signInAppkey(f, authenticator)).complete.status).toBe(200);
    expect((await signInAppkey(f, authenticator)).complete.body.appkey.signCounter).toBe(3);

    // an impostor's low counter under the victim's KeyID: the signature fails first, nothing is disabled
    const impostor = new SoftUafAuthenticator();
    await impostor.registerAssertion("x", "y");
    impostor.registrations[0]!.keyId = authenticator.registrations[0]!.keyId;
    expect((await signInAppkey(f, impostor)).complete.body.code).toBe(1095);
    expect((await api("GET", `${f.userPath}/appkeys/${complete.body.appkey.id}`)).body.status).toBe("ACTIVE");

    // the clone: the same key with an older counter
    authenticator.registrations[0]!.signCounter = 1;
    const clone = await signInAppkey(f, authenticator);
    expect(clone.complete.body.code).toBe(1061);
    const key = (await api("GET", `${f.userPath}/appkeys/${complete.body.appkey.id}`)).body;
    expect(key.status).toBe("DISABLED");
    expect(key.signCounter).toBe(3);

    const zero = await appkeyUser();
    const z = await registerAppkey(zero, { authenticatorOptions: { counter: "zero" } });
    expect((await signInAppkey(zero, z.authenticator)).complete.status).toBe(200);
    expect((await signInAppkey(zero, z.authenticator)).complete.status).toBe(200);
  });

  it("another tenant's session → 404, not consumed (INTERNAL and EXTERNAL)", async () => {
    const a = await appkeyUser();
    const { authenticator } = await registerAppkey(a);
    expect((await api("POST", "/stores", { body: { name: a.store }, tenant: TENANT_B })).status).toBe(201);
    const start = await api("POST", `${a.rp}/authentications/default`, { body: {} });
    const response = await authenticator.answer(start.body.fidoAuthenticationRequest, FACET);
    const path = `${a.appkeys}/authentications/sessions/${start.body.sessionId}`;
    const foreign = await api("POST", path, { body: { fidoAuthenticationResponse: response }, tenant: TENANT_B });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(9002);
    expect((await api("POST", path, { body: { fidoAuthenticationResponse: response } })).status).toBe(200);

    const reg = await api("POST", `${a.rp}/registrations/default`, { body: {} });
    const created = await new SoftUafAuthenticator().answer(reg.body.fidoRegistrationRequest, FACET);
    const regPath = `${a.appkeys}/registrations/sessions/${reg.body.sessionId}`;
    expect((await api("POST", regPath, { body: { fidoRegistrationResponse: created }, tenant: TENANT_B })).status).toBe(404);
    expect((await api("POST", regPath, { body: { fidoRegistrationResponse: created } })).status).toBe(200);

    const e = await appkeyUser({ sessionManagement: "EXTERNAL" });
    const key = await registerAppkey(e);
    expect((await api("POST", "/stores", { body: { name: e.store }, tenant: TENANT_B })).status).toBe(201);
    const extStart = await api("POST", `${e.rp}/authentications/default`, { body: {} });
    const body = { sessionData: extStart.body.sessionData, fidoAuthenticationResponse: await key.authenticator.answer(extStart.body.fidoAuthenticationRequest, FACET) };
    expect((await api("POST", `${e.appkeys}/authentications`, { body, tenant: TENANT_B })).status).toBe(404);
    expect((await api("POST", `${e.appkeys}/authentications`, { body })).status).toBe(200);
  });

  it("a correctly signed response over another challenge, appID or facet fails (1029 / 1098 / 1026)", async () => {
    const f = await appkeyUser({}, { userLockConfig: { modalityMaxFailedAttempts: 10 } });
    const { authenticator } = await registerAppkey(f);
    for (const [change, code] of [[{ challenge: "x" }, 1029], [{ appID: "https://bank.example/other" }, 1098], [{ facetID: "ios:bundle-id:com.evil" }, 1026]] as const) {
      const start = await api("POST", `${f.rp}/authentications/default`, { body: {} });
      const [req] = JSON.parse(start.body.fidoAuthenticationRequest);
      const { response } = await authenticator.authenticationResponse({ appID: req.header.appID, facetID: FACET, challenge: req.challenge, ...change });
      expect((await completeAuthentication(f, start.body, { fidoAuthenticationResponse: response })).body.code).toBe(code);
    }
  });

  it("single-shot: works in INTERNAL and EXTERNAL, window, reuse (1094, even with a counting authenticator), other challenge/appID refused", async () => {
    for (const sessionManagement of ["INTERNAL", "EXTERNAL"]) {
      const f = await appkeyUser({ sessionManagement, authenticationPolicies: { default: { singleShot: { enabled: true, windowSec: 30 } } } });
      const { authenticator } = await registerAppkey(f, { authenticatorOptions: { counter: "increment" } });
      const ok = await singleShot(f, authenticator);
      expect(ok.result.status).toBe(200);
      expect(ok.result.body.user.id).toBe(f.userId);
      const reused = await api("POST", `${f.appkeys}/authentications`, { body: ok.body });
      expect(reused.body.code).toBe(1094);
      // the replay did not disable the key
      expect((await api("GET", `${f.userPath}/appkeys`)).body[0].status).toBe("ACTIVE");
      expect((await singleShot(f, authenticator, { challenge: singleShotChallenge(Date.now() - 31_000) })).result.body.code).toBe(1090);
      expect((await singleShot(f, authenticator, { appID: "https://evil.example/app" })).result.body.code).toBe(1098);
      expect((await singleShot(f, authenticator, { facet: "ios:bundle-id:evil" })).result.body.code).toBe(1026);
      // a response signed over another challenge than the request names
      const shot = await singleShot(f, authenticator);
      expect(shot.result.status).toBe(200);
      const other = await singleShot(f, authenticator);
      const mixed = await api("POST", `${f.appkeys}/authentications`, { body: { ...other.body, fidoAuthenticationRequest: JSON.stringify([{ ...JSON.parse(other.request)[0], challenge: singleShotChallenge() }]) } });
      expect(mixed.body.code).toBe(1029);
    }
  });

  it("single-shot in another tenant's store of the same name: the key is unknown there (1058)", async () => {
    const f = await appkeyUser({ authenticationPolicies: { default: { singleShot: { enabled: true } } } });
    const { authenticator } = await registerAppkey(f);
    expect((await api("POST", "/stores", { body: { name: f.store }, tenant: TENANT_B })).status).toBe(201);
    const shot = await singleShot(f, authenticator);
    expect(shot.result.status).toBe(200);
    const { body } = await singleShot(f, authenticator).then((s) => s);
    const foreign = await api("POST", `${f.appkeys}/authentications`, { body, tenant: TENANT_B });
    expect(foreign.body.code).toBe(1058);
    expect((await api("POST", `/stores/nope-${f.store}/appkeys/authentications`, { body: { ...body, rpId: RP } })).status).toBe(404);
  });
});
