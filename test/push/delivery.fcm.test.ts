import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliver } from "../../src/push/delivery/deliver";
import { deliveries, deviceMessage, fcmCredentials, fcmGrants, fcmRejections, scriptAnswers } from "../support/push-peers";

const cacheKey = () => `test/${crypto.randomUUID()}`;

describe("FCM delivery (against the fake FCM)", () => {
  it("sends the message with an access token from the service account's assertion, as the fake verified them", async () => {
    const fcm = await fcmCredentials();
    const message = deviceMessage("FCM");
    const result = await deliver(env, cacheKey(), { fcm }, message);
    expect(result).toEqual({ status: "SENT", attempts: 1 });
    expect(await fcmGrants(fcm)).toBe(1);

    const [seen, ...more] = await deliveries("fcm", message.token);
    expect(more).toEqual([]);
    expect(seen).toMatchObject({ status: 200, projectId: fcm.projectId, clientEmail: fcm.clientEmail });
    const ttl = /^(\d+)s$/.exec(seen!.body.message.android.ttl);
    expect(Number(ttl?.[1])).toBeGreaterThan(110);
    expect(Number(ttl?.[1])).toBeLessThanOrEqual(120);
    expect(seen!.body).toEqual({
      message: {
        token: message.token,
        data: { pushId: message.pushId, rpId: message.rpId, fidoAuthenticationRequest: message.fidoAuthenticationRequest },
        notification: { title: message.title, body: message.body },
        android: { ttl: seen!.body.message.android.ttl, priority: "high" },
      },
    });
  });

  it("404 UNREGISTERED → INVALID_TOKEN, not retried", async () => {
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [404]);
    const result = await deliver(env, cacheKey(), { fcm: await fcmCredentials() }, message);
    expect(result).toEqual({ status: "INVALID_TOKEN", error: "FCM 404 UNREGISTERED: Requested entity was not found.", attempts: 1 });
    expect((await deliveries("fcm", message.token)).map((d) => d.status)).toEqual([404]);
  });

  it("400 INVALID_ARGUMENT on message.token → INVALID_TOKEN", async () => {
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [400]);
    const result = await deliver(env, cacheKey(), { fcm: await fcmCredentials() }, message);
    expect(result).toMatchObject({ status: "INVALID_TOKEN", error: expect.stringMatching(/^FCM 400 INVALID_ARGUMENT/) });
  });

  it("503, 503, 200 → SENT after 3 attempts with one access token", async () => {
    const fcm = await fcmCredentials();
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [503, 503]);
    const result = await deliver(env, cacheKey(), { fcm }, message);
    expect(result).toEqual({ status: "SENT", attempts: 3 });
    const seen = await deliveries("fcm", message.token);
    expect(seen.map((d) => d.status)).toEqual([503, 503, 200]);
    expect(seen[2]!.receivedAt - seen[1]!.receivedAt).toBeGreaterThanOrEqual(100);
    expect(await fcmGrants(fcm)).toBe(1);
  });

  it("429 QUOTA_EXCEEDED with Retry-After: 1 → waits a second, then SENT", async () => {
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [{ status: 429, retryAfter: 1 }]);
    const result = await deliver(env, cacheKey(), { fcm: await fcmCredentials() }, message);
    expect(result).toEqual({ status: "SENT", attempts: 2 });
    const [first, second] = await deliveries("fcm", message.token);
    expect(first!.status).toBe(429);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it("no answer within PUSH_TIMEOUT_MS → RETRY", async () => {
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [{ delayMs: 1000 }, { delayMs: 1000 }, { delayMs: 1000 }]);
    const result = await deliver({ ...env, PUSH_TIMEOUT_MS: "200" }, cacheKey(), { fcm: await fcmCredentials() }, message);
    expect(result).toEqual({ status: "RETRY", error: "FCM no answer within 200 ms", attempts: 3 });
  });

  it("an access token refused with 401 is exchanged anew once, then SENT", async () => {
    const fcm = await fcmCredentials();
    const message = deviceMessage("FCM");
    await scriptAnswers("fcm", message.token, [401]);
    const result = await deliver(env, cacheKey(), { fcm }, message);
    expect(result).toEqual({ status: "SENT", attempts: 1 });
    expect((await deliveries("fcm", message.token)).map((d) => d.status)).toEqual([401, 200]);
    expect(await fcmGrants(fcm)).toBe(2);
  });

  it("a key other than the service account's → FAILED invalid_grant; the fake says the signature failed", async () => {
    const registered = await fcmCredentials();
    const other = await fcmCredentials();
    const fcm = { ...other, clientEmail: registered.clientEmail };
    const message = deviceMessage("FCM");
    const result = await deliver(env, cacheKey(), { fcm }, message);
    expect(result).toEqual({ status: "FAILED", error: "FCM token endpoint 400 invalid_grant: Invalid JWT Signature.", attempts: 1 });
    expect(await deliveries("fcm", message.token)).toEqual([]);
    const [rejection, ...more] = await fcmRejections(registered);
    expect(more).toEqual([]);
    expect(rejection).toMatchObject({ endpoint: "token", error: "invalid_grant", detail: expect.stringMatching(/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/) });
    expect(await fcmGrants(registered)).toBe(0);
  });

  it("an FCM device with a policy that has only APNs → FAILED, nothing sent", async () => {
    const result = await deliver(env, cacheKey(), {}, deviceMessage("FCM"));
    expect(result).toEqual({ status: "FAILED", error: "no FCM configuration", attempts: 0 });
  });
});
