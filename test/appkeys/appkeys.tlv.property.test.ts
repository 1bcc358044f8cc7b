import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { appkeyUser, FACET, registerAppkey, singleShot } from "../support/appkeys";
import { b64url, SoftUafAuthenticator, tlv, UAF_TAGS } from "../support/uaf-authenticator";

type UafMessage = [{ header: Record<string, unknown>; fcParams: string; assertions: { assertionScheme: string; assertion: string }[] }];
const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

function withAssertion(response: string, bytes: Uint8Array): string {
  const message = JSON.parse(response) as UafMessage;
  message[0].assertions[0]!.assertion = b64url(bytes);
  return JSON.stringify(message);
}

/** Random, truncated, mutated and re-nested TLVs derived from a valid assertion. */
function hostileAssertions(valid: Uint8Array) {
  const tags = Object.values(UAF_TAGS);
  return fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc.integer({ min: 0, max: valid.length - 1 }).map((n) => valid.slice(0, n)),
    fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
      const copy = valid.slice();
      copy[i] = b;
      return copy;
    }),
    fc.tuple(fc.integer({ min: 0, max: valid.length - 4 }), fc.integer({ min: 0, max: 0xffff })).map(([i, length]) => {
      const copy = valid.slice();
      copy[i + 2] = length & 0xff;
      copy[i + 3] = length >>> 8;
      return copy;
    }),
    fc.array(fc.tuple(fc.constantFrom(...tags), fc.uint8Array({ maxLength: 40 })), { maxLength: 8 }).map((parts) => tlv(UAF_TAGS.AUTH_ASSERTION, ...parts.map(([tag, value]) => tlv(tag, value)))),
    fc.array(fc.tuple(fc.constantFrom(...tags), fc.uint8Array({ maxLength: 40 })), { maxLength: 8 }).map((parts) => tlv(UAF_TAGS.REG_ASSERTION, tlv(UAF_TAGS.KRD, ...parts.map(([tag, value]) => tlv(tag, value))))),
  );
}

describe("appkeys: random and truncated TLV assertions posted through HTTP never produce a 500", () => {
  it("single-shot endpoint (parsed before any state is touched)", { timeout: 120_000 }, async () => {
    const f = await appkeyUser({ authenticationPolicies: { default: { singleShot: { enabled: true } } } });
    const { authenticator } = await registerAppkey(f);
    const { body } = await singleShot(f, authenticator);
    const valid = fromB64url((JSON.parse(body.fidoAuthenticationResponse) as UafMessage)[0].assertions[0]!.assertion);
    await fc.assert(
      fc.asyncProperty(hostileAssertions(valid), async (bytes) => {
        const res = await api("POST", `${f.appkeys}/authentications`, { body: { ...body, fidoAuthenticationResponse: withAssertion(body.fidoAuthenticationResponse, bytes) } });
        expect(res.status).toBeLessThan(500);
        expect(Number.isInteger(res.body.code)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("registration and authentication sessions", { timeout: 120_000 }, async () => {
    const f = await appkeyUser({}, { userLockConfig: { modalityMaxFailedAttempts: 100, maxFailedAttempts: 100 } });
    const { authenticator } = await registerAppkey(f);
    const probe = new SoftUafAuthenticator();
    const regStart = await api("POST", `${f.rp}/registrations/default`, { body: {} });
    const regResponse = await probe.answer(regStart.body.fidoRegistrationRequest, FACET);
    const validReg = fromB64url((JSON.parse(regResponse) as UafMessage)[0].assertions[0]!.assertion);
    const authStart = await api("POST", `${f.rp}/authentications/default`, { body: {} });
    const authResponse = await authenticator.answer(authStart.body.fidoAuthenticationRequest, FACET);
    const validAuth = fromB64url((JSON.parse(authResponse) as UafMessage)[0].assertions[0]!.assertion);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), hostileAssertions(validAuth), hostileAssertions(validReg), async (registration, authBytes, regBytes) => {
        const phase = registration ? "registrations" : "authentications";
        const start = await api("POST", `${f.rp}/${phase}/default`, { body: {} });
        expect(start.status).toBe(201);
        const body = registration ? { fidoRegistrationResponse: withAssertion(regResponse, regBytes) } : { fidoAuthenticationResponse: withAssertion(authResponse, authBytes) };
        const res = await api("POST", `${f.appkeys}/${phase}/sessions/${start.body.sessionId}`, { body });
        expect(res.status).toBeLessThan(500);
        expect(Number.isInteger(res.body.code)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
