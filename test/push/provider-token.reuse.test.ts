import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliver } from "../../src/push/delivery/deliver";
import { apnsCredentials, apnsProviderTokens, deliveries, deviceMessage, fcmCredentials, fcmGrants } from "../support/push-peers";

const MINUTE = 60_000;
const tokensOf = (name: string) => env.PUSH_TOKENS.get(env.PUSH_TOKENS.idFromName(name));

describe("provider tokens: minted once, shared, reused", () => {
  it("20 concurrent APNs deliveries of one policy → 1 provider token mint", async () => {
    const apns = await apnsCredentials();
    const messages = Array.from({ length: 20 }, () => deviceMessage("APNS"));
    const results = await Promise.all(messages.map((message) => deliver(env, "test/apns-reuse", { apns }, message)));
    expect(results.every((result) => result.status === "SENT")).toBe(true);
    expect(await apnsProviderTokens(apns)).toBe(1);
    const bearers = await Promise.all(messages.map(async (message) => (await deliveries("apns", message.token))[0]!.claims));
    expect(new Set(bearers.map((claims) => claims!.iat)).size).toBe(1);
  });

  it("20 concurrent FCM deliveries of one policy → 1 access token grant", async () => {
    const fcm = await fcmCredentials();
    const messages = Array.from({ length: 20 }, () => deviceMessage("FCM"));
    const results = await Promise.all(messages.map((message) => deliver(env, "test/fcm-reuse", { fcm }, message)));
    expect(results.every((result) => result.status === "SENT")).toBe(true);
    expect(await fcmGrants(fcm)).toBe(1);
  });

  it("later deliveries reuse the cached tokens; a changed key gets its own", async () => {
    const apns = await apnsCredentials();
    await deliver(env, "test/later", { apns }, deviceMessage("APNS"));
    await deliver(env, "test/later", { apns }, deviceMessage("APNS"));
    expect(await apnsProviderTokens(apns)).toBe(1);
    const rotated = await apnsCredentials({ teamId: apns.teamId });
    expect(await deliver(env, "test/later", { apns: rotated }, deviceMessage("APNS"))).toMatchObject({ status: "SENT" });
    expect(await apnsProviderTokens(rotated)).toBe(1);
  });

  it("an APNs provider token is reused for 40 minutes, then replaced (Apple: ≥ 20, < 60)", async () => {
    const apns = await apnsCredentials();
    const tokens = tokensOf(`test/${crypto.randomUUID()}`);
    const t0 = Date.now();
    const first = await tokens.apnsToken(apns, t0);
    expect(await tokens.apnsToken(apns, t0 + 20 * MINUTE)).toEqual(first);
    expect(await tokens.apnsToken(apns, t0 + 39 * MINUTE)).toEqual(first);
    const renewed = await tokens.apnsToken(apns, t0 + 40 * MINUTE);
    expect(renewed).toHaveProperty("token");
    expect(renewed).not.toEqual(first);
  });

  it("invalidate drops only the token that was refused: of many refusals one re-mint", async () => {
    const apns = await apnsCredentials();
    const tokens = tokensOf(`test/${crypto.randomUUID()}`);
    const now = Date.now();
    const refused = (await tokens.apnsToken(apns, now)) as { token: string };
    await tokens.invalidate(refused.token);
    const replacement = await tokens.apnsToken(apns, now + 1000);
    expect(replacement).not.toEqual(refused);
    await tokens.invalidate(refused.token); // a second delivery refused with the old token
    expect(await tokens.apnsToken(apns, now + 2000)).toEqual(replacement);
  });

  it("an FCM access token is reused until a minute before it expires", async () => {
    const fcm = await fcmCredentials({ expiresIn: 62 });
    const tokens = tokensOf(`test/${crypto.randomUUID()}`);
    const exchange = { tokenUrl: env.FCM_TOKEN_URL!, timeoutMs: 5000 };
    const first = await tokens.fcmToken(fcm, exchange, Date.now());
    expect(await tokens.fcmToken(fcm, exchange, Date.now())).toEqual(first);
    expect(await fcmGrants(fcm)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const renewed = await tokens.fcmToken(fcm, exchange, Date.now());
    expect(renewed).not.toEqual(first);
    expect(await fcmGrants(fcm)).toBe(2);
  });
});
