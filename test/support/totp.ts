import { expect } from "vitest";
import { hmacKey, hotp, type TotpAlgorithm } from "../../src/totp/hotp";
import { timeStep } from "../../src/totp/verify";
import { api } from "./api";
import { storeWithUser } from "./fixtures";

export function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, "")) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/** A code as an authenticator app would show it `offset` steps from now. */
export async function codeAt(secretBase32: string, offset = 0, options: { algorithm?: TotpAlgorithm; digits?: number; period?: number } = {}) {
  const { algorithm = "SHA1", digits = 6, period = 30 } = options;
  const key = await hmacKey(base32Decode(secretBase32), algorithm);
  return hotp(key, timeStep(Date.now(), period) + offset, digits);
}

/** A store with a TOTP policy and a user with a PENDING registration. */
export async function pendingTotp(policy: object = {}, configuration: object = {}, user: object = {}) {
  const fixture = await storeWithUser(configuration, user);
  const created = await api("POST", `/stores/${fixture.store}/totpPolicy`, { body: { name: "default", ...policy } });
  expect(created.status).toBe(201);
  const registration = await api("POST", `${fixture.userPath}/totps/registrations/default`, { body: {} });
  expect(registration.status).toBe(201);
  return { ...fixture, registration: registration.body, totpPath: `${fixture.userPath}/totps` };
}

/** As pendingTotp, completed with the code of the previous step (leaving now and the next step usable). */
export async function activeTotp(policy: object = {}, configuration: object = {}) {
  const fixture = await pendingTotp(policy, configuration);
  const res = await api("POST", `${fixture.totpPath}/registrations/default/complete`, { body: { code: await codeAt(fixture.registration.secret, -1) } });
  expect(res.status).toBe(200);
  return fixture;
}
