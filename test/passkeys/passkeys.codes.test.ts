import { describe, expect, it } from "vitest";
import { toBase64Url } from "../../src/crypto/encoding";
import { seal } from "../../src/crypto/seal";
import { api } from "../support/api";
import { SoftAuthenticator } from "../support/authenticator";
import { ORIGIN, passkeyUser, registerPasskey, RP } from "../support/passkeys";
import { TEST_DATA_ENCRYPTION_KEY } from "../support/secrets";

describe("passkey codes that need unusual input", () => {
  it("sessionData lacking challenge (386), rpId (387) or policy name (394)", async () => {
    const f = await passkeyUser({ sessionManagement: "EXTERNAL" });
    const expiresAt = Date.now() + 60_000;
    const full = { rpId: RP, policyName: "default", userId: f.userId, challenge: "c".repeat(43), allowCredentials: [] };
    const response = await (await SoftAuthenticator.create()).assert({ challenge: full.challenge, rpId: RP }, ORIGIN);
    for (const [missing, code] of [["challenge", 386], ["rpId", 387], ["policyName", 394]] as const) {
      const binding = { tenant: "tenant-a", storeName: f.store, kind: "passkey-authentication" };
      const sessionData = await seal(TEST_DATA_ENCRYPTION_KEY, "ceremony-session", { ...binding, data: { ...full, [missing]: undefined }, expiresAt }, expiresAt);
      const res = await api("POST", `${f.passkeys}/authentications`, { body: { sessionData, response } });
      expect(res.body.code, missing).toBe(code);
    }
  });

  it("an authenticator outside allowedAaguids is refused (343)", async () => {
    const f = await passkeyUser({ registrationPolicies: { default: { allowedAaguids: ["adce0002-35bc-c60a-648b-0b25f1f05503"] } } });
    const res = await registerPasskey(f);
    expect(res.complete.body.code).toBe(343);
    const allowed = await SoftAuthenticator.create({ aaguid: Uint8Array.from([0xad, 0xce, 0x00, 0x02, 0x35, 0xbc, 0xc6, 0x0a, 0x64, 0x8b, 0x0b, 0x25, 0xf1, 0xf0, 0x55, 0x03]) });
    const ok = await registerPasskey(f, { authenticator: allowed });
    expect(ok.complete.status).toBe(200);
    expect(ok.complete.body.passkey.aaguid).toBe("adce0002-35bc-c60a-648b-0b25f1f05503");
  });

  it("a malformed userHandle is 400/9001", async () => {
    const f = await passkeyUser();
    for (const userHandle of ["not base64!", "q".repeat(43), "A".repeat(120)]) {
      expect((await api("POST", `${f.rp}/registrations/default`, { body: { userHandle } })).body.code).toBe(9001);
    }
  });

  it("registration for a user that is not active is 502", async () => {
    const f = await passkeyUser();
    await api("POST", f.userPath, { body: { status: "DISABLED" } });
    const res = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(502);
  });

  it("a caller-chosen challenge only with allowExternalChallenge", async () => {
    const f = await passkeyUser({ authenticationPolicies: { default: { allowExternalChallenge: true } } });
    const { authenticator } = await registerPasskey(f);
    const challenge = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    expect((await api("POST", `${f.rp}/authentications/default`, { body: { challenge: "q".repeat(43) } })).body.code).toBe(9001);
    const refused = await api("POST", `${f.rp}/registrations/default`, { body: { challenge } });
    expect(refused.body.code).toBe(9001);
    const start = await api("POST", `${f.rp}/authentications/default`, { body: { challenge } });
    expect(start.body.publicKey.challenge).toBe(challenge);
    const response = await authenticator.assert(start.body.publicKey, ORIGIN);
    expect((await api("POST", `${f.passkeys}/authentications/sessions/${start.body.sessionId}`, { body: { response } })).status).toBe(200);
  });
});
