import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { addDevice, pushUser, sendPush, waitForDeliveries, waitForPush } from "../support/push";
import { apnsProviderTokens, deviceToken, fcmGrants, scriptAnswers } from "../support/push-peers";

describe("push delivery through the queue", () => {
  it("marks a token APNs reports gone (410) INVALID_TOKEN, and the device is no longer a target", async () => {
    const f = await pushUser();
    await scriptAnswers("apns", f.device.token, [410]);
    const sent = await sendPush(f);
    const failed = await waitForPush(f, sent.body.id, (p) => p.status === "FAILED");
    expect(failed.devices).toEqual([{ deviceId: f.device.deviceId, platform: "APNS", status: "INVALID_TOKEN", error: expect.stringContaining("Unregistered") }]);
    const appkey = (await api("GET", `${f.userPath}/appkeys/${f.device.appkeyId}`)).body;
    expect(appkey.hasPushToken).toBe(false);
    expect((await sendPush(f)).body.code).toBe(1200);

    const renewed = await api("POST", `${f.userPath}/appkeys/${f.device.appkeyId}`, { body: { pushToken: deviceToken("APNS") } });
    expect(renewed.body.hasPushToken).toBe(true);
    expect((await sendPush(f)).status).toBe(201);
  });

  it("marks an FCM token answered UNREGISTERED INVALID_TOKEN", async () => {
    const f = await pushUser();
    const android = await addDevice(f, "FCM");
    await scriptAnswers("fcm", android.token, [404]);
    const sent = await sendPush(f);
    const settled = await waitForPush(f, sent.body.id, (p) => p.devices.every((d: { status: string }) => d.status !== "QUEUED"));
    expect(settled.devices.find((d: { platform: string }) => d.platform === "FCM")).toMatchObject({ deviceId: android.deviceId, status: "INVALID_TOKEN", error: expect.stringContaining("UNREGISTERED") });
    expect(settled.status).toBe("SENT");
  });

  it("retries 503s with backoff, then delivers", async () => {
    const f = await pushUser();
    await scriptAnswers("apns", f.device.token, [503, 503]);
    const sent = await sendPush(f);
    const recorded = await waitForDeliveries(f.device, 3);
    expect(recorded.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(recorded[2]!.receivedAt - recorded[0]!.receivedAt).toBeGreaterThanOrEqual(100);
    expect((await waitForPush(f, sent.body.id, (p) => p.status === "SENT")).devices[0].status).toBe("SENT");
  });

  it("mints one APNs provider token and one FCM access token for many pushes of a policy", async () => {
    const f = await pushUser({ maxPendingPerUser: 10, maxUnansweredBeforeBlock: 100 });
    const android = await addDevice(f, "FCM");
    const sends = await Promise.all(Array.from({ length: 8 }, () => sendPush(f)));
    expect(sends.map((s) => s.status)).toEqual(Array(8).fill(201));
    await waitForDeliveries(f.device, 8);
    await waitForDeliveries(android, 8);
    expect(await apnsProviderTokens(f.apns)).toBe(1);
    expect(await fcmGrants(f.fcm)).toBe(1);
  });

  it("never sends the matching number to a device, and reaches it soon after the send", async () => {
    const f = await pushUser();
    const android = await addDevice(f, "FCM");
    const sent = await sendPush(f);
    const number: string = sent.body.matchingNumber;
    const [ios] = await waitForDeliveries(f.device);
    const [fcm] = await waitForDeliveries(android);
    for (const delivery of [ios!, fcm!]) {
      expect(JSON.stringify(delivery.body)).not.toContain(number);
      expect(JSON.stringify(delivery.headers)).not.toContain(number);
    }
    expect(JSON.stringify((await api("GET", `${f.pushes}/${sent.body.id}`)).body)).not.toContain(number);
    expect(JSON.stringify((await api("GET", f.pushes)).body)).not.toContain(number);
    const latency = ios!.receivedAt - Date.parse(sent.body.createdDtm);
    console.log(`push ${sent.body.id}: enqueue → fake APNs ${latency} ms, → fake FCM ${fcm!.receivedAt - Date.parse(sent.body.createdDtm)} ms`);
    expect(latency).toBeGreaterThanOrEqual(0);
  });

  it("reads a push in one D1 round trip", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const got = await api("GET", `${f.pushes}/${sent.body.id}`);
    expect(got.status).toBe(200);
    expect(d1RoundTrips(got)).toBe(1);
    expect(d1RoundTrips(await api("GET", f.pushes))).toBe(1);
  });
});
