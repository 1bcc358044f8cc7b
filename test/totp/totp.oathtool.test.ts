import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { pendingTotp } from "../support/totp";

/** A code from Debian's oathtool (not our implementation) for `offsetSteps` from now. */
async function oathtoolCode(secret: string, totp: { algorithm: string; digits: number; period: number }, offsetSteps = 0) {
  const at = Math.floor(Date.now() / 1000) + offsetSteps * totp.period;
  const query = new URLSearchParams({ secret, algorithm: totp.algorithm.toLowerCase(), digits: String(totp.digits), period: String(totp.period), at: String(at) });
  const res = await env.OATHTOOL.fetch(`http://oathtool/?${query}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(text).toMatch(new RegExp(`^\\d{${totp.digits}}$`));
  return text;
}

describe("TOTP interoperability with Debian's oathtool", () => {
  it.each([
    { algorithm: "SHA1", digits: 6, period: 30 },
    { algorithm: "SHA256", digits: 8, period: 30 },
    { algorithm: "SHA512", digits: 6, period: 60 },
  ])("accepts oathtool's codes for a secret returned by the API ($algorithm, $digits digits, $period s)", async (policy) => {
    const { totpPath, registration } = await pendingTotp(policy);
    const complete = await api("POST", `${totpPath}/registrations/default/complete`, {
      body: { code: await oathtoolCode(registration.secret, registration.totp, -1) },
    });
    expect(complete.status).toBe(200);
    const auth = await api("POST", `${totpPath}/authentications/default`, { body: { code: await oathtoolCode(registration.secret, registration.totp) } });
    expect(auth.status).toBe(200);
    const future = await api("POST", `${totpPath}/authentications/default`, { body: { code: await oathtoolCode(registration.secret, registration.totp, 1) } });
    expect(future.status).toBe(200);
    const tooFar = await api("POST", `${totpPath}/authentications/default`, { body: { code: await oathtoolCode(registration.secret, registration.totp, 3) } });
    expect(tooFar.body.code).toBe(2304);
  });
});
