import { expect } from "vitest";
import { api } from "./api";
import { storeWithUser } from "./fixtures";
import { b64url, SoftUafAuthenticator, type SoftUafOptions } from "./uaf-authenticator";

export const RP = "bank.example";
export const FACET = "android:apk-key-hash:bE0f1WtRJrZv/C0y9CM73bAUqiI";

/** A store with an appkey config for bank.example (one trusted facet) and a user. */
export async function appkeyUser(config: Record<string, unknown> = {}, configuration: object = {}) {
  const fixture = await storeWithUser(configuration);
  const created = await api("POST", `/stores/${fixture.store}/appkeyConfig`, { body: { rpId: RP, trustedFacets: [FACET, "https://bank.example"], ...config } });
  expect(created.status).toBe(201);
  const rp = `${fixture.userPath}/appkeys/relyingParties/${RP}`;
  const store = (await api("GET", `/stores/${fixture.store}`)).body;
  return { ...fixture, storeId: store.id as string, rp, appkeys: `/stores/${fixture.store}/appkeys` };
}

export type AppkeyFixture = Awaited<ReturnType<typeof appkeyUser>>;

export const completeRegistration = (f: AppkeyFixture, start: { sessionId?: string; sessionData?: string }, body: Record<string, unknown>) =>
  start.sessionId
    ? api("POST", `${f.appkeys}/registrations/sessions/${start.sessionId}`, { body })
    : api("POST", `${f.appkeys}/registrations`, { body: { sessionData: start.sessionData, ...body } });

export const completeAuthentication = (f: AppkeyFixture, start: { sessionId?: string; sessionData?: string }, body: Record<string, unknown>) =>
  start.sessionId
    ? api("POST", `${f.appkeys}/authentications/sessions/${start.sessionId}`, { body })
    : api("POST", `${f.appkeys}/authentications`, { body: { sessionData: start.sessionData, ...body } });

export async function registerAppkey(
  f: AppkeyFixture,
  options: { authenticator?: SoftUafAuthenticator; authenticatorOptions?: SoftUafOptions; body?: Record<string, unknown>; policy?: string; facet?: string } = {},
) {
  const authenticator = options.authenticator ?? new SoftUafAuthenticator(options.authenticatorOptions);
  const start = await api("POST", `${f.rp}/registrations/${options.policy ?? "default"}`, { body: {} });
  expect(start.status).toBe(201);
  const response = await authenticator.answer(start.body.fidoRegistrationRequest, options.facet ?? FACET);
  const complete = await completeRegistration(f, start.body, { fidoRegistrationResponse: response, deviceId: "device-1", name: "Phone", ...options.body });
  return { authenticator, start, complete, response };
}

export async function signInAppkey(f: AppkeyFixture, authenticator: SoftUafAuthenticator, options: { policy?: string; facet?: string; transaction?: string; body?: Record<string, unknown> } = {}) {
  const start = await api("POST", `${f.rp}/authentications/${options.policy ?? "default"}`, {
    body: options.transaction === undefined ? {} : { transaction: { contentType: "text/plain", content: options.transaction } },
  });
  if (start.status !== 201) return { start, complete: start, response: undefined };
  const response = await authenticator.answer(start.body.fidoAuthenticationRequest, options.facet ?? FACET);
  const complete = await completeAuthentication(f, start.body, { fidoAuthenticationResponse: response, ...options.body });
  return { start, complete, response };
}

/** A single-shot challenge: base64url(8-byte big-endian ms ‖ `random` random bytes). */
export function singleShotChallenge(time = Date.now(), random = 32): string {
  const bytes = new Uint8Array(8 + random);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(time), false);
  bytes.set(crypto.getRandomValues(new Uint8Array(random)), 8);
  return b64url(bytes);
}

/** The request a client builds for a single-shot authentication, and the authenticator's answer to it. */
export async function singleShot(f: AppkeyFixture, authenticator: SoftUafAuthenticator, options: { challenge?: string; appID?: string; facet?: string; policy?: string; body?: Record<string, unknown> } = {}) {
  const appID = options.appID ?? `https://is.test/api/identity-store/facets/${f.storeId}/${RP}`;
  const request = JSON.stringify([{ header: { upv: { major: 1, minor: 1 }, op: "Auth", appID }, challenge: options.challenge ?? singleShotChallenge(), policy: { accepted: [[{ aaid: [authenticator.aaid] }]] } }]);
  const response = await authenticator.answer(request, options.facet ?? FACET);
  const body = { rpId: RP, authPolicyName: options.policy ?? "default", fidoAuthenticationRequest: request, fidoAuthenticationResponse: response, ...options.body };
  return { request, response, body, result: await api("POST", `${f.appkeys}/authentications`, { body }) };
}
