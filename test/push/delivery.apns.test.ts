import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliver } from "../../src/push/delivery/deliver";
import { apnsCredentials, apnsProviderTokens, apnsRejections, deliveries, deviceMessage, scriptAnswers } from "../support/push-peers";

const cacheKey = () => `test/${crypto.randomUUID()}`;

describe("APNs delivery (against the fake APNs)", () => {
  it("sends an alert with the provider token, headers and payload Apple requires, as the fake verified them", async () => {
    const apns = await apnsCredentials();
    const message = deviceMessage("APNS");
    const result = await deliver(env, cacheKey(), { apns }, message);
    expect(result).toEqual({ status: "SENT", attempts: 1 });

    const [seen, ...more] = await deliveries("apns", message.token);
    expect(more).toEqual([]);
    expect(seen!.status).toBe(200);
    expect(seen!.jwtHeader).toEqual({ alg: "ES256", kid: apns.keyId });
    expect(seen!.claims).toEqual({ iss: apns.teamId, iat: expect.any(Number) });
    expect(Math.abs((seen!.claims!.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(seen!.headers).toMatchObject({
      "apns-topic": apns.bundleId,
      "apns-push-type": "alert",
      "apns-priority": "10",
      "apns-expiration": String(Math.floor(message.expiresAt / 1000)),
    });
    expect(seen!.body).toEqual({
      aps: { alert: { title: message.title, body: message.body } },
      pushId: message.pushId,
      rpId: message.rpId,
      fidoAuthenticationRequest: message.fidoAuthenticationRequest,
    });
  });

  it("410 Unregistered → INVALID_TOKEN, not retried", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [410]);
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "INVALID_TOKEN", error: "APNs 410 Unregistered", attempts: 1 });
    expect((await deliveries("apns", message.token)).map((d) => d.status)).toEqual([410]);
  });

  it("400 BadDeviceToken (a token that is not one) → INVALID_TOKEN", async () => {
    const message = deviceMessage("APNS", { token: "not-a-device-token" });
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toMatchObject({ status: "INVALID_TOKEN", error: "APNs 400 BadDeviceToken" });
  });

  it("503, 503, 200 → SENT after 3 attempts, backing off 50 then 100 ms", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [503, 503]);
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "SENT", attempts: 3 });
    const seen = await deliveries("apns", message.token);
    expect(seen.map((d) => d.status)).toEqual([503, 503, 200]);
    expect(seen[1]!.receivedAt - seen[0]!.receivedAt).toBeGreaterThanOrEqual(50);
    expect(seen[2]!.receivedAt - seen[1]!.receivedAt).toBeGreaterThanOrEqual(100);
  });

  it("three 503s → RETRY with Apple's reason, for the queue to retry later", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [503, 503, 503]);
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "RETRY", error: "APNs 503 ServiceUnavailable", attempts: 3 });
  });

  it("429 with Retry-After: 1 → waits a second, then SENT", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [{ status: 429, retryAfter: 1 }]);
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "SENT", attempts: 2 });
    const [first, second] = await deliveries("apns", message.token);
    expect(first).toMatchObject({ status: 429, reason: "TooManyRequests" });
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it("a Retry-After beyond 5 s is not waited out: RETRY at once, with it", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [{ status: 429, retryAfter: 30 }]);
    const result = await deliver(env, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "RETRY", error: "APNs 429 TooManyRequests", retryAfterSec: 30, attempts: 1 });
  });

  it("no answer within PUSH_TIMEOUT_MS → RETRY", async () => {
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [{ delayMs: 1000 }, { delayMs: 1000 }, { delayMs: 1000 }]);
    const result = await deliver({ ...env, PUSH_TIMEOUT_MS: "200" }, cacheKey(), { apns: await apnsCredentials() }, message);
    expect(result).toEqual({ status: "RETRY", error: "APNs no answer within 200 ms", attempts: 3 });
    expect(await deliveries("apns", message.token)).toHaveLength(3);
  });

  it("a provider token refused as expired is replaced once, then SENT", async () => {
    const apns = await apnsCredentials();
    const message = deviceMessage("APNS");
    await scriptAnswers("apns", message.token, [{ status: 403, reason: "ExpiredProviderToken" }]);
    const result = await deliver(env, cacheKey(), { apns }, message);
    expect(result).toEqual({ status: "SENT", attempts: 1 });
    const [refused, sent] = await deliveries("apns", message.token);
    expect(refused!.status).toBe(403);
    expect(sent!.status).toBe(200);
    expect(await apnsProviderTokens(apns)).toBe(2);
  });

  it("a key other than the one registered → FAILED InvalidProviderToken after one refresh; the fake says the signature failed", async () => {
    const registered = await apnsCredentials();
    const other = await apnsCredentials();
    const apns = { ...other, teamId: registered.teamId, keyId: registered.keyId };
    const message = deviceMessage("APNS");
    const result = await deliver(env, cacheKey(), { apns }, message);
    expect(result).toEqual({ status: "FAILED", error: "APNs 403 InvalidProviderToken", attempts: 1 });
    expect(await deliveries("apns", message.token)).toEqual([]);
    const rejections = await apnsRejections(registered);
    expect(rejections).toHaveLength(2);
    expect(rejections.map((r) => r.reason)).toEqual(["InvalidProviderToken", "InvalidProviderToken"]);
    expect(rejections[0]!.detail).toMatch(/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    expect(await apnsProviderTokens(registered)).toBe(2);
  });

  it("an APNs device with a policy that has no APNs configuration → FAILED, nothing sent", async () => {
    const message = deviceMessage("APNS");
    const result = await deliver(env, cacheKey(), {}, message);
    expect(result).toEqual({ status: "FAILED", error: "no APNs configuration", attempts: 0 });
    expect(await deliveries("apns", message.token)).toEqual([]);
  });
});
