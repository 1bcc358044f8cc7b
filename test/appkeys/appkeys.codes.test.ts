import { describe, expect, it } from "vitest";
import { seal } from "../../src/crypto/seal";
import { api } from "../support/api";
import { appkeyUser, completeAuthentication, completeRegistration, FACET, registerAppkey, RP, singleShot, singleShotChallenge, type AppkeyFixture } from "../support/appkeys";
import { TEST_DATA_ENCRYPTION_KEY } from "../support/secrets";
import { b64url, SoftUafAuthenticator } from "../support/uaf-authenticator";

type UafMessage = [{ header: Record<string, unknown>; fcParams: string; assertions: { assertionScheme: string; assertion: string }[] }];

const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/** The response with its assertion bytes changed by `mutate`. */
function mutateAssertion(response: string, mutate: (bytes: Uint8Array) => void): string {
  const message = JSON.parse(response) as UafMessage;
  const bytes = fromB64url(message[0].assertions[0]!.assertion);
  mutate(bytes);
  message[0].assertions[0]!.assertion = b64url(bytes);
  return JSON.stringify(message);
}

function mutateMessage(response: string, mutate: (message: UafMessage) => void): string {
  const message = JSON.parse(response) as UafMessage;
  mutate(message);
  return JSON.stringify(message);
}

/** Index of the ASSERTION_INFO value (tag 0x2E0E, little-endian). */
function assertionInfoAt(bytes: Uint8Array): number {
  for (let i = 0; i + 4 < bytes.length; i++) if (bytes[i] === 0x0e && bytes[i + 1] === 0x2e) return i + 4;
  throw new Error("no ASSERTION_INFO");
}

async function startReg(f: AppkeyFixture, policy = "default") {
  const start = await api("POST", `${f.rp}/registrations/${policy}`, { body: {} });
  expect(start.status).toBe(201);
  const [request] = JSON.parse(start.body.fidoRegistrationRequest);
  return { start: start.body, request, ctx: { appID: request.header.appID as string, facetID: FACET, challenge: request.challenge as string } };
}

async function startAuth(f: AppkeyFixture, body: object = {}) {
  const start = await api("POST", `${f.rp}/authentications/default`, { body });
  expect(start.status).toBe(201);
  const [request] = JSON.parse(start.body.fidoAuthenticationRequest);
  return { start: start.body, request, ctx: { appID: request.header.appID as string, facetID: FACET, challenge: request.challenge as string } };
}

async function registered(config: Record<string, unknown> = {}, configuration: object = {}) {
  const f = await appkeyUser(config, configuration);
  const { authenticator, complete } = await registerAppkey(f);
  expect(complete.status).toBe(200);
  return { f, authenticator, appkey: complete.body.appkey };
}

describe("appkey codes", () => {
  it("EXTERNAL sessionData: missing 1009, lacking challenge 1011 / rpId 1012 / policy 1055; INTERNAL relying party 1014", async () => {
    const { f, authenticator } = await registered({ sessionManagement: "EXTERNAL" });
    const { ctx } = await startAuth(f);
    const { response } = await authenticator.authenticationResponse(ctx);
    expect((await api("POST", `${f.appkeys}/authentications`, { body: { fidoAuthenticationResponse: response } })).body.code).toBe(1009);
    const expiresAt = Date.now() + 60_000;
    const full = { rpId: RP, policyName: "default", userId: f.userId, challenge: ctx.challenge, appId: ctx.appID };
    for (const [missing, code] of [["challenge", 1011], ["rpId", 1012], ["policyName", 1055]] as const) {
      const sessionData = await seal(TEST_DATA_ENCRYPTION_KEY, "ceremony-session", { tenant: "tenant-a", storeName: f.store, kind: "appkey-authentication", data: { ...full, [missing]: undefined }, expiresAt }, expiresAt);
      expect((await api("POST", `${f.appkeys}/authentications`, { body: { sessionData, fidoAuthenticationResponse: response } })).body.code, missing).toBe(code);
    }
    // the relying party switched to INTERNAL: its sessionData is refused
    expect((await api("POST", `/stores/${f.store}/appkeyConfig/${RP}`, { body: { sessionManagement: "INTERNAL" } })).status).toBe(200);
    const sessionData = await seal(TEST_DATA_ENCRYPTION_KEY, "ceremony-session", { tenant: "tenant-a", storeName: f.store, kind: "appkey-authentication", data: full, expiresAt }, expiresAt);
    const internal = await api("POST", `${f.appkeys}/authentications`, { body: { sessionData, fidoAuthenticationResponse: response } });
    expect(internal.body.code).toBe(1014);
    expect(internal.body.user).toBeDefined();
  });

  it("sessionData sent to a sessions endpoint → 1014 (not 9001), session not consumed", async () => {
    const { f, authenticator } = await registered();
    const { start, ctx } = await startAuth(f);
    const { response } = await authenticator.authenticationResponse(ctx);
    expect((await api("POST", `${f.appkeys}/authentications/sessions/${start.sessionId}`, { body: { sessionData: "x", fidoAuthenticationResponse: response } })).body.code).toBe(1014);
    expect((await api("POST", `${f.appkeys}/registrations/sessions/${start.sessionId}`, { body: { sessionData: "x" } })).body.code).toBe(1014);
    expect((await completeAuthentication(f, start, { fidoAuthenticationResponse: response })).status).toBe(200);
  });

  it("another ceremony's session → 1108 (not consumed); a Reg message to an authentication → 1017", async () => {
    const f = await appkeyUser();
    const { start, ctx } = await startReg(f);
    const authenticator = new SoftUafAuthenticator();
    const { response } = await authenticator.registrationResponse(ctx);
    expect((await api("POST", `${f.appkeys}/authentications/sessions/${start.sessionId}`, { body: { fidoAuthenticationResponse: response } })).body.code).toBe(1108);
    expect((await completeRegistration(f, start, { fidoRegistrationResponse: response })).status).toBe(200);
    const auth = await startAuth(f);
    const reg = await authenticator.registrationResponse(auth.ctx);
    expect((await completeAuthentication(f, auth.start, { fidoAuthenticationResponse: reg.response })).body.code).toBe(1017);
    const auth2 = await startAuth(f);
    const { response: authResponse } = await authenticator.authenticationResponse(auth2.ctx);
    const reg2 = await startReg(f);
    expect((await completeRegistration(f, reg2.start, { fidoRegistrationResponse: authResponse })).body.code).toBe(1108);
  });

  it("client failure reports: FAILED 1104, CANCELLED 1105, malformed 1102, neither 1115", async () => {
    const { f } = await registered();
    for (const [failure, code] of [[{ reason: "FAILED" }, 1104], [{ reason: "CANCELLED" }, 1105], [{ reason: "TIMEOUT" }, 1102], ["FAILED", 1102], [{ reason: "FAILED", extra: 1 }, 1102]] as const) {
      const { start } = await startAuth(f);
      const res = await completeAuthentication(f, start, { failure });
      expect(res.body.code, JSON.stringify(failure)).toBe(code);
    }
    const { start } = await startAuth(f);
    expect((await completeAuthentication(f, start, {})).body.code).toBe(1115);
    const reg = await startReg(f);
    expect((await completeRegistration(f, reg.start, { failure: { reason: "CANCELLED" } })).body.code).toBe(1105);
    const reg2 = await startReg(f);
    expect((await completeRegistration(f, reg2.start, {})).body.code).toBe(1115);
    const records = (await api("GET", `${f.userPath}/authentications?size=100`)).body.content as { errorCode: number }[];
    expect(records.filter((r) => r.errorCode === 1104)).toHaveLength(1);
  });

  it("fcParams: appID mismatch 1098, untrusted facet 1026, challenge mismatch 1029 (registration and authentication)", async () => {
    const { f, authenticator } = await registered();
    const cases = [
      [{ appID: "https://evil.example/facets" }, 1098],
      [{ facetID: "android:apk-key-hash:evil" }, 1026],
      [{ challenge: "other-challenge" }, 1029],
    ] as const;
    for (const [change, code] of cases) {
      const { start, ctx } = await startReg(f);
      const { response } = await new SoftUafAuthenticator().registrationResponse({ ...ctx, ...change });
      expect((await completeRegistration(f, start, { fidoRegistrationResponse: response })).body.code, `reg ${code}`).toBe(code);
      const auth = await startAuth(f);
      const signed = await authenticator.authenticationResponse({ ...auth.ctx, ...change });
      const res = await completeAuthentication(f, auth.start, { fidoAuthenticationResponse: signed.response });
      expect(res.body.code, `auth ${code}`).toBe(code);
      expect(res.body.user.locks.modalities.appkey.failedAttempts).toBeGreaterThan(0);
    }
  });

  it("the FINAL_CHALLENGE must be the hash of the fcParams string as received (1029)", async () => {
    const { f, authenticator } = await registered();
    const { start, ctx } = await startAuth(f);
    const { response } = await authenticator.authenticationResponse(ctx);
    // the same fcParams JSON re-encoded (padded standard base64): the signed hash no longer matches
    const reencoded = mutateMessage(response, (m) => (m[0].fcParams = btoa(atob(m[0].fcParams.replace(/-/g, "+").replace(/_/g, "/")))));
    expect((await completeAuthentication(f, start, { fidoAuthenticationResponse: reencoded })).body.code).toBe(1029);
  });

  it("key type outside the policy 1035; AAID not accepted 1099; unsupported algorithm 1100; attestation signature 1096", async () => {
    const f = await appkeyUser({ registrationPolicies: { default: { keyTypes: ["DEVICE"] }, only: { aaids: ["ABCD#0001"] } } });
    expect((await registerAppkey(f, { body: { keyType: "BIOMETRIC" } })).complete.body.code).toBe(1035);
    expect((await registerAppkey(f, { policy: "only" })).complete.body.code).toBe(1099);
    expect((await registerAppkey(f, { policy: "only", authenticatorOptions: { aaid: "ABCD#0001" } })).complete.status).toBe(200);

    const { start, ctx } = await startReg(f);
    const { response } = await new SoftUafAuthenticator().registrationResponse(ctx);
    const unknownAlg = mutateAssertion(response, (b) => {
      const at = assertionInfoAt(b);
      b[at + 3] = 0x07;
    });
    expect((await completeRegistration(f, start, { fidoRegistrationResponse: unknownAlg })).body.code).toBe(1100);
    const again = await startReg(f);
    const second = await new SoftUafAuthenticator().registrationResponse(again.ctx);
    const badSignature = mutateAssertion(second.response, (b) => (b[b.length - 1] = b[b.length - 1]! ^ 0x01));
    expect((await completeRegistration(f, again.start, { fidoRegistrationResponse: badSignature })).body.code).toBe(1096);
  });

  it("a BIOMETRIC-only authentication policy refuses a DEVICE key (1035); no key of the policy's types → 1110 at start", async () => {
    const { f, authenticator } = await registered({ authenticationPolicies: { default: {}, bio: { keyTypes: ["BIOMETRIC"] } } });
    expect((await api("POST", `${f.rp}/authentications/bio`, { body: {} })).body.code).toBe(1110);
    // a start with the default policy, answered into a session of the bio policy: forge the ceremony
    const expiresAt = Date.now() + 60_000;
    const { ctx } = await startAuth(f);
    const sessionData = await seal(
      TEST_DATA_ENCRYPTION_KEY,
      "ceremony-session",
      { tenant: "tenant-a", storeName: f.store, kind: "appkey-authentication", data: { rpId: RP, policyName: "bio", userId: f.userId, challenge: ctx.challenge, appId: ctx.appID }, expiresAt },
      expiresAt,
    );
    await api("POST", `/stores/${f.store}/appkeyConfig/${RP}`, { body: { sessionManagement: "EXTERNAL" } });
    const { response } = await authenticator.authenticationResponse(ctx);
    expect((await api("POST", `${f.appkeys}/authentications`, { body: { sessionData, fidoAuthenticationResponse: response } })).body.code).toBe(1035);
  });

  it("unknown KeyID 1058, another user's key 1059, disabled key 1060, bad signature 1095, transaction 1103", async () => {
    const { f, authenticator, appkey } = await registered({}, { userLockConfig: { modalityMaxFailedAttempts: 10, maxFailedAttempts: 10 } });
    const stranger = new SoftUafAuthenticator();
    await stranger.registerAssertion("x", "y");
    const a = await startAuth(f);
    expect((await completeAuthentication(f, a.start, { fidoAuthenticationResponse: (await stranger.authenticationResponse(a.ctx)).response })).body.code).toBe(1058);

    const other = await api("POST", `/stores/${f.store}/users`, { body: { extId: `other-${f.store}` } });
    const otherFixture = { ...f, userPath: `/stores/${f.store}/users/${other.body.id}`, rp: `/stores/${f.store}/users/${other.body.id}/appkeys/relyingParties/${RP}` };
    const otherKey = await registerAppkey(otherFixture);
    expect(otherKey.complete.status).toBe(200);
    const b = await startAuth(f);
    expect((await completeAuthentication(f, b.start, { fidoAuthenticationResponse: (await otherKey.authenticator.authenticationResponse(b.ctx)).response })).body.code).toBe(1059);

    const c = await startAuth(f);
    const forged = mutateAssertion((await authenticator.authenticationResponse(c.ctx)).response, (bytes) => (bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01));
    expect((await completeAuthentication(f, c.start, { fidoAuthenticationResponse: forged })).body.code).toBe(1095);

    const d = await startAuth(f, { transaction: { contentType: "text/plain", content: "Pay 10 EUR" } });
    expect(JSON.parse(JSON.stringify(d.request.transaction))).toEqual([{ contentType: "text/plain", content: b64url(new TextEncoder().encode("Pay 10 EUR")) }]);
    expect((await completeAuthentication(f, d.start, { fidoAuthenticationResponse: (await authenticator.authenticationResponse(d.ctx, "Pay 1000 EUR")).response })).body.code).toBe(1103);
    const e = await startAuth(f, { transaction: { contentType: "text/plain", content: "Pay 10 EUR" } });
    expect((await completeAuthentication(f, e.start, { fidoAuthenticationResponse: (await authenticator.authenticationResponse(e.ctx)).response })).body.code).toBe(1103);

    const g = await startAuth(f);
    await api("POST", `${f.userPath}/appkeys/${appkey.id}`, { body: { status: "DISABLED" } });
    expect((await completeAuthentication(f, g.start, { fidoAuthenticationResponse: (await authenticator.authenticationResponse(g.ctx)).response })).body.code).toBe(1060);
    expect((await api("POST", `${f.rp}/authentications/default`, { body: {} })).body.code).toBe(1110);
  });

  it("malformed 1091, no assertion 1092, several assertions 1093", async () => {
    const { f, authenticator } = await registered();
    const { ctx } = await startAuth(f);
    const { response } = await authenticator.authenticationResponse(ctx);
    const cases = [
      ["not json", 1091],
      [mutateAssertion(response, (b) => (b[2] = 0xff)), 1091],
      [mutateMessage(response, (m) => (m[0].assertions = [])), 1092],
      [mutateMessage(response, (m) => m[0].assertions.push(m[0].assertions[0]!)), 1093],
    ] as const;
    for (const [body, code] of cases) {
      const { start } = await startAuth(f);
      expect((await completeAuthentication(f, start, { fidoAuthenticationResponse: body })).body.code).toBe(code);
    }
  });

  it("a KeyID registered twice is refused (409/1101)", async () => {
    const f = await appkeyUser();
    const fixed = crypto.getRandomValues(new Uint8Array(32));
    const register = async () => {
      const { start, ctx } = await startReg(f);
      const original = crypto.getRandomValues.bind(crypto);
      crypto.getRandomValues = (<T extends ArrayBufferView>(array: T): T => {
        if (array instanceof Uint8Array && array.length === 32) {
          array.set(fixed);
          return array;
        }
        return original(array as never) as T;
      }) as typeof crypto.getRandomValues;
      let response: string;
      try {
        response = (await new SoftUafAuthenticator().registrationResponse(ctx)).response;
      } finally {
        crypto.getRandomValues = original;
      }
      return completeRegistration(f, start, { fidoRegistrationResponse: response });
    };
    expect((await register()).status).toBe(200);
    const twice = await register();
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe(1101);
  });

  it("unknown relying party or policy 2201; a user not active 502", async () => {
    const f = await appkeyUser();
    expect((await api("POST", `${f.rp}/registrations/nope`, { body: {} })).body.code).toBe(2201);
    expect((await api("POST", `${f.userPath}/appkeys/relyingParties/other.example/registrations/default`, { body: {} })).body.code).toBe(2201);
    await api("POST", f.userPath, { body: { status: "DISABLED" } });
    expect((await api("POST", `${f.rp}/registrations/default`, { body: {} })).body.code).toBe(502);
  });

  it("single-shot codes: 1012, 1056, 1107, 1106, 1090, 1094, 1058", async () => {
    const { f, authenticator } = await registered({ authenticationPolicies: { default: { singleShot: { enabled: true, windowSec: 60 } }, plain: {} } });
    expect((await singleShot(f, authenticator, { body: { rpId: undefined } })).result.body.code).toBe(1012);
    expect((await singleShot(f, authenticator, { body: { authPolicyName: undefined } })).result.body.code).toBe(1056);
    expect((await singleShot(f, authenticator, { challenge: b64url(new Uint8Array(10)) })).result.body.code).toBe(1107);
    expect((await singleShot(f, authenticator, { body: { fidoAuthenticationRequest: "[]" } })).result.body.code).toBe(1107);
    expect((await singleShot(f, authenticator, { policy: "plain" })).result.body.code).toBe(1106);
    expect((await singleShot(f, authenticator, { challenge: singleShotChallenge(Date.now() - 61_000) })).result.body.code).toBe(1090);
    expect((await singleShot(f, authenticator, { challenge: singleShotChallenge(Date.now() + 61_000) })).result.body.code).toBe(1090);
    const ok = await singleShot(f, authenticator);
    expect(ok.result.status).toBe(200);
    const again = await api("POST", `${f.appkeys}/authentications`, { body: ok.body });
    expect(again.body.code).toBe(1094);
    const stranger = new SoftUafAuthenticator();
    await stranger.registerAssertion("x", "y");
    expect((await singleShot(f, stranger)).result.body.code).toBe(1058);
  });
});
