import { expect } from "vitest";
import { api } from "./api";
import { SoftAuthenticator, type ClientDataOverrides, type Flags } from "./authenticator";
import { storeWithUser } from "./fixtures";

export const RP = "example.com";
export const ORIGIN = "https://example.com";

/** A store with a passkey config for example.com and a user. */
export async function passkeyUser(config: Record<string, unknown> = {}, configuration: object = {}) {
  const fixture = await storeWithUser(configuration);
  const created = await api("POST", `/stores/${fixture.store}/passkeyConfig`, { body: { rpId: RP, rpName: "Example", ...config } });
  expect(created.status).toBe(201);
  const rp = `${fixture.userPath}/passkeys/relyingParties/${RP}`;
  return { ...fixture, rp, passkeys: `/stores/${fixture.store}/passkeys` };
}

type Fixture = Awaited<ReturnType<typeof passkeyUser>>;

export async function registerPasskey(f: Fixture, options: { authenticator?: SoftAuthenticator; format?: "none" | "packed"; flags?: Flags; clientData?: ClientDataOverrides; origin?: string } = {}) {
  const authenticator = options.authenticator ?? (await SoftAuthenticator.create());
  const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
  expect(start.status).toBe(201);
  const response = await authenticator.register(start.body.publicKey, options.origin ?? ORIGIN, options);
  const complete = start.body.sessionId
    ? await api("POST", `${f.passkeys}/registrations/sessions/${start.body.sessionId}`, { body: { response, name: "Laptop" } })
    : await api("POST", `${f.passkeys}/registrations`, { body: { sessionData: start.body.sessionData, response, name: "Laptop" } });
  return { authenticator, start, complete, response };
}

export async function signIn(f: Fixture, authenticator: SoftAuthenticator, extra: Parameters<SoftAuthenticator["assert"]>[2] & { origin?: string; usernameless?: boolean } = {}) {
  const path = extra.usernameless ? `${f.passkeys}/relyingParties/${RP}/authentications/default` : `${f.rp}/authentications/default`;
  const start = await api("POST", path, { body: {} });
  if (start.status !== 201) return { start, complete: start, response: undefined };
  const response = await authenticator.assert(start.body.publicKey, extra.origin ?? ORIGIN, extra);
  const complete = start.body.sessionId
    ? await api("POST", `${f.passkeys}/authentications/sessions/${start.body.sessionId}`, { body: { response } })
    : await api("POST", `${f.passkeys}/authentications`, { body: { sessionData: start.body.sessionData, response } });
  return { start, complete, response };
}
