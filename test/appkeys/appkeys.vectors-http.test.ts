import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeBase64Any, decodeFcParams, parseAuthAssertion } from "../../src/appkeys/uaf";
import { toBase64Url } from "../../src/crypto/encoding";
import { seal } from "../../src/crypto/seal";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";
import { TEST_DATA_ENCRYPTION_KEY } from "../support/secrets";
import { vectors } from "./uaf/vectors";

const RP = "uaf-test-1.noknoktest.com";

/** The UAF response message a client would have sent around the vector's fcParams and assertion. */
const message = (op: "Reg" | "Auth", appID: string, fcParams: string, assertion: string) =>
  JSON.stringify([{ header: { upv: { major: 1, minor: 1 }, op, appID }, fcParams, assertions: [{ assertionScheme: "UAFV1TLV", assertion }] }]);

/** EXTERNAL sessionData for the vector's challenge (the test holds the sealing key, as a server that issued that challenge would). */
async function sessionFor(store: string, userId: string, kind: "appkey-registration" | "appkey-authentication", challenge: string, appId: string) {
  const expiresAt = Date.now() + 60_000;
  return seal(TEST_DATA_ENCRYPTION_KEY, "ceremony-session", { tenant: "tenant-a", storeName: store, kind, data: { challenge, rpId: RP, policyName: "default", userId, appId }, expiresAt }, expiresAt);
}

describe("appkeys: real UAF vectors replayed through HTTP", () => {
  it("spec example: the registration stores the key (basic full, unverified), its assertion authenticates (counter 1 → 2); a replay is refused (the flipped-byte mutations are at codec level)", async () => {
    const reg = vectors.specExample.registration;
    const auth = vectors.specExample.authentication;
    const fc = decodeFcParams(reg.fcParams!);
    const f = await storeWithUser();
    const created = await api("POST", `/stores/${f.store}/appkeyConfig`, { body: { rpId: RP, appId: fc.appID, trustedFacets: [fc.facetID], sessionManagement: "EXTERNAL" } });
    expect(created.status).toBe(201);

    const sessionData = await sessionFor(f.store, f.userId, "appkey-registration", fc.challenge, fc.appID);
    const registered = await api("POST", `/stores/${f.store}/appkeys/registrations`, { body: { sessionData, fidoRegistrationResponse: message("Reg", fc.appID, reg.fcParams!, reg.assertion) } });
    expect(registered.status).toBe(200);
    expect(registered.body.appkey).toMatchObject({ aaid: "ABCD#ABCD", algorithm: 1, signCounter: 1, attestationType: "BASIC_FULL", attestationVerified: false });

    const authFc = decodeFcParams(auth.fcParams!);
    const body = async () => ({ sessionData: await sessionFor(f.store, f.userId, "appkey-authentication", authFc.challenge, authFc.appID), fidoAuthenticationResponse: message("Auth", authFc.appID, auth.fcParams!, auth.assertion) });
    const signed = await api("POST", `/stores/${f.store}/appkeys/authentications`, { body: await body() });
    expect(signed.status).toBe(200);
    expect(signed.body.appkey.signCounter).toBe(2);
    // the same challenge again: used (9011)
    expect((await api("POST", `/stores/${f.store}/appkeys/authentications`, { body: await body() })).body.code).toBe(9011);
  });

  it("dds (vendor authenticator, padded standard base64 fcParams, counters 0/0, a non-critical extension): authenticates with its published key", async () => {
    const { assertion, fcParams, publicKeySpki } = vectors.dds.authentication;
    const fc = decodeFcParams(fcParams!);
    const parsed = parseAuthAssertion(decodeBase64Any(assertion));
    const f = await storeWithUser();
    const rp = "dds.example";
    const created = await api("POST", `/stores/${f.store}/appkeyConfig`, { body: { rpId: rp, appId: fc.appID, trustedFacets: [fc.facetID], sessionManagement: "EXTERNAL" } });
    expect(created.status).toBe(201);
    const store = (await api("GET", `/stores/${f.store}`)).body;
    // the key as a registration would have stored it (the vector set has no fcParams for dds' registration)
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO appkeys (id, store_id, user_id, rp_id, aaid, key_id, key_type, public_key, algorithm, sign_counter, attestation_type, attestation_verified, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'DEVICE', ?, ?, 0, 'BASIC_FULL', 0, 'ACTIVE', ?, ?)",
    )
      .bind(crypto.randomUUID(), store.id, f.userId, rp, parsed.aaid, toBase64Url(parsed.keyId), toBase64Url(decodeBase64Any(publicKeySpki!)), parsed.signatureAlgorithm, now, now)
      .run();
    const expiresAt = now + 60_000;
    const sessionData = await seal(
      TEST_DATA_ENCRYPTION_KEY,
      "ceremony-session",
      { tenant: "tenant-a", storeName: f.store, kind: "appkey-authentication", data: { challenge: fc.challenge, rpId: rp, policyName: "default", userId: f.userId, appId: fc.appID }, expiresAt },
      expiresAt,
    );
    const signed = await api("POST", `/stores/${f.store}/appkeys/authentications`, { body: { sessionData, fidoAuthenticationResponse: message("Auth", fc.appID, fcParams!, assertion) } });
    expect(signed.status).toBe(200);
    expect(signed.body.appkey.signCounter).toBe(0);
  });
});
