import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey, RP } from "../support/passkeys";

const TENANT_B = "tenant-b";

/** Tenant A's store with a registered passkey, and tenant B's store of the same name, configured the same way. */
async function twoTenants(config: Record<string, unknown> = {}) {
  const a = await passkeyUser(config);
  const { authenticator } = await registerPasskey(a);
  expect((await api("POST", "/stores", { body: { name: a.store }, tenant: TENANT_B })).status).toBe(201);
  expect((await api("POST", `/stores/${a.store}/passkeyConfig`, { body: { rpId: RP, ...config }, tenant: TENANT_B })).status).toBe(201);
  expect((await api("POST", `/stores/${a.store}/users`, { body: { extId: a.extId }, tenant: TENANT_B })).status).toBe(201);
  return { a, authenticator };
}

describe("passkeys: a ceremony belongs to its tenant, store and kind", () => {
  it("INTERNAL: tenant B cannot use tenant A's session (404), which stays usable by A", async () => {
    const { a, authenticator } = await twoTenants();
    const start = await api("POST", `${a.rp}/authentications/default`, { body: {} });
    const response = await authenticator.assert(start.body.publicKey, ORIGIN);
    const path = `${a.passkeys}/authentications/sessions/${start.body.sessionId}`;
    const foreign = await api("POST", path, { body: { response }, tenant: TENANT_B });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(9002);
    expect((await api("POST", path, { body: { response } })).status).toBe(200);

    const registration = await api("POST", `${a.rp}/registrations/default`, { body: {} });
    const created = await (await SoftAuthenticator.create()).register(registration.body.publicKey, ORIGIN);
    const regPath = `${a.passkeys}/registrations/sessions/${registration.body.sessionId}`;
    expect((await api("POST", regPath, { body: { response: created }, tenant: TENANT_B })).status).toBe(404);
    expect((await api("POST", regPath, { body: { response: created } })).status).toBe(200);
  });

  it("EXTERNAL: tenant B cannot use tenant A's sessionData (404), whose challenge stays unused", async () => {
    const { a, authenticator } = await twoTenants({ sessionManagement: "EXTERNAL" });
    const start = await api("POST", `${a.rp}/authentications/default`, { body: {} });
    const response = await authenticator.assert(start.body.publicKey, ORIGIN);
    const body = { sessionData: start.body.sessionData, response };
    const foreign = await api("POST", `${a.passkeys}/authentications`, { body, tenant: TENANT_B });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(9002);
    expect((await api("POST", `${a.passkeys}/authentications`, { body })).status).toBe(200);
  });

  it("another kind of ceremony is 352 and does not consume the session (INTERNAL and EXTERNAL)", async () => {
    const internal = await passkeyUser();
    const registration = await api("POST", `${internal.rp}/registrations/default`, { body: {} });
    const authenticator = await SoftAuthenticator.create();
    const created = await authenticator.register(registration.body.publicKey, ORIGIN);
    const asAuthentication = await api("POST", `${internal.passkeys}/authentications/sessions/${registration.body.sessionId}`, { body: { response: created } });
    expect(asAuthentication.body.code).toBe(352);
    expect((await api("POST", `${internal.passkeys}/registrations/sessions/${registration.body.sessionId}`, { body: { response: created } })).status).toBe(200);

    const external = await passkeyUser({ sessionManagement: "EXTERNAL" });
    const { authenticator: key } = await registerPasskey(external);
    const start = await api("POST", `${external.rp}/authentications/default`, { body: {} });
    const response = await key.assert(start.body.publicKey, ORIGIN);
    const body = { sessionData: start.body.sessionData, response };
    expect((await api("POST", `${external.passkeys}/registrations`, { body })).body.code).toBe(352);
    expect((await api("POST", `${external.passkeys}/authentications`, { body })).status).toBe(200);
  });
});
