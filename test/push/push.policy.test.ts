import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { appkeyUser, RP } from "../support/appkeys";
import { addDevice, pushUser, sendPush, waitForDeliveries } from "../support/push";
import { apnsCredentials, apnsRejections, fcmCredentials, pem, pkcs8Pem } from "../support/push-peers";

const storedConfiguration = async (storeId: string) => (await env.DB.prepare("SELECT configuration FROM stores WHERE id = ?").bind(storeId).first<{ configuration: string }>())!.configuration;
const pemBody = (key: string) => key.split("\n").slice(1, -2).join("");

describe("push notification policy", () => {
  it("is created and updated with the seed forms; private keys are write-only, stored encrypted", async () => {
    const f = await appkeyUser();
    const [apns, fcm] = await Promise.all([apnsCredentials(), fcmCredentials()]);
    const created = await api("POST", `/stores/${f.store}/pushNotificationPolicy`, { body: { rpId: RP, description: "Bank app", apnsConfig: apns, fcmConfig: fcm, ttlSec: 120 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const shown = created.body.configuration.pushNotificationPolicies[RP];
    expect(shown).toMatchObject({ description: "Bank app", ttlSec: 120, maxPendingPerUser: 1, maxUnansweredBeforeBlock: 5, blockSec: 900, numberMatching: true });
    expect(shown.apnsConfig).toEqual({ teamId: apns.teamId, keyId: apns.keyId, bundleId: apns.bundleId, production: false, privateKeyPem: "***" });
    expect(shown.fcmConfig.privateKeyPem).toBe("***");
    expect((await api("GET", `/stores/${f.store}/pushNotificationPolicy/${RP}`)).body.apnsConfig.privateKeyPem).toBe("***");
    expect((await api("GET", `/stores/${f.store}`)).body.configuration.pushNotificationPolicies[RP].fcmConfig.privateKeyPem).toBe("***");

    const stored = await storedConfiguration(f.storeId);
    for (const key of [apns.privateKeyPem, fcm.privateKeyPem]) {
      expect(stored).not.toContain(pemBody(key).slice(0, 40));
      expect(stored).not.toContain("PRIVATE KEY");
    }

    const updated = await api("POST", `/stores/${f.store}/pushNotificationPolicy/${RP}`, { body: { ttlSec: 60, apnsConfig: { ...apns, privateKeyPem: "***" } } });
    expect(updated.status).toBe(200);
    expect(updated.body.configuration.pushNotificationPolicies[RP].ttlSec).toBe(60);
    // the stored key still signs: the fake APNs verifies the provider token with the public key
    const device = await addDevice(f);
    const sent = await api("POST", `${f.userPath}/pushNotifications/relyingParties/${RP}`, { body: { title: "t", body: "b" } });
    expect(sent.status).toBe(201);
    expect(await waitForDeliveries(device)).toHaveLength(1);
    expect(await apnsRejections(apns)).toEqual([]);

    expect((await api("GET", `/stores/${f.store}/pushNotifications/relyingParties`)).body).toEqual([RP]);
    expect((await api("DELETE", `/stores/${f.store}/pushNotificationPolicy/${RP}`)).status).toBe(200);
    expect((await api("GET", `/stores/${f.store}/pushNotifications/relyingParties`)).body).toEqual([]);
    expect((await api("POST", `${f.userPath}/pushNotifications/relyingParties/${RP}`, { body: { title: "t", body: "b" } })).body.code).toBe(2201);
  });

  it("replaces a key sent anew, and seals keys written through the store update too", async () => {
    const f = await pushUser();
    const fresh = await apnsCredentials({ teamId: f.apns.teamId });
    const updated = await api("POST", `/stores/${f.store}`, { body: { configuration: { pushNotificationPolicies: { [RP]: { apnsConfig: fresh } } } } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.configuration.pushNotificationPolicies[RP].apnsConfig.privateKeyPem).toBe("***");
    expect(await storedConfiguration(f.storeId)).not.toContain("PRIVATE KEY");
    const sent = await sendPush(f);
    expect(sent.status).toBe(201);
    const [delivered] = await waitForDeliveries(f.device);
    expect(delivered!.jwtHeader).toMatchObject({ kid: fresh.keyId });
  });

  it("refuses keys of the wrong kind with a clear message (400/9001), and writes nothing", async () => {
    const f = await appkeyUser();
    const apns = await apnsCredentials();
    const fcm = await fcmCredentials();
    const p384 = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign"])) as CryptoKeyPair;
    const p256 = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"])) as CryptoKeyPair;
    const cases: [string, Record<string, unknown>][] = [
      ["an RSA key for APNs", { apnsConfig: { ...apns, privateKeyPem: fcm.privateKeyPem } }],
      ["a P-384 key for APNs", { apnsConfig: { ...apns, privateKeyPem: await pkcs8Pem(p384.privateKey) } }],
      ["a public key", { apnsConfig: { ...apns, privateKeyPem: pem("PUBLIC KEY", (await crypto.subtle.exportKey("spki", p256.publicKey)) as ArrayBuffer) } }],
      ["garbage", { apnsConfig: { ...apns, privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----" } }],
      ["an EC key for FCM", { fcmConfig: { ...fcm, privateKeyPem: apns.privateKeyPem } }],
      ["a *** with nothing stored", { apnsConfig: { ...apns, privateKeyPem: "***" } }],
    ];
    for (const [name, body] of cases) {
      const res = await api("POST", `/stores/${f.store}/pushNotificationPolicy`, { body: { rpId: RP, ...body } });
      expect(res.status, name).toBe(400);
      expect(res.body.code, name).toBe(9001);
      expect(res.body.message, name).toMatch(/privateKeyPem/);
    }
    expect((await api("GET", `/stores/${f.store}/pushNotificationPolicy/${RP}`)).status).toBe(404);
    const neither = await api("POST", `/stores/${f.store}/pushNotificationPolicy`, { body: { rpId: RP } });
    expect(neither.status).toBe(400);
  });

  it("belongs to an appkey relying party (400/2201 otherwise)", async () => {
    const f = await appkeyUser();
    const res = await api("POST", `/stores/${f.store}/pushNotificationPolicy`, { body: { rpId: "other.example", apnsConfig: await apnsCredentials() } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2201);
  });
});
