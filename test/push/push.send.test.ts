import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { RP } from "../support/appkeys";
import { addDevice, pushUser, sendPush, waitForDeliveries, waitForPush } from "../support/push";

describe("sending a push", () => {
  it("answers 201 with the matching number, and delivers off the request path to APNs", async () => {
    const f = await pushUser();
    const sent = await sendPush(f, { data: { orderId: "42" } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ rpId: RP, status: "QUEUED", devices: [{ deviceId: f.device.deviceId, platform: "APNS", status: "QUEUED" }] });
    expect(sent.body.matchingNumber).toMatch(/^\d{6}$/);
    expect(d1RoundTrips(sent)).toBe(2);

    const [delivered] = await waitForDeliveries(f.device);
    expect(delivered!.headers["apns-topic"]).toBe(f.apns.bundleId);
    expect(delivered!.headers["apns-push-type"]).toBe("alert");
    expect(Number(delivered!.headers["apns-expiration"])).toBe(Math.floor(Date.parse(sent.body.expirationDtm) / 1000));
    expect(delivered!.body).toMatchObject({ aps: { alert: { title: "Sign-in request", body: "Someone is signing in to your bank." } }, pushId: sent.body.id, rpId: RP, data: { orderId: "42" } });
    expect(delivered!.claims).toMatchObject({ iss: f.apns.teamId });

    const after = await waitForPush(f, sent.body.id, (p) => p.status === "SENT");
    expect(after.devices).toEqual([{ deviceId: f.device.deviceId, platform: "APNS", status: "SENT" }]);
    expect(after).not.toHaveProperty("matchingNumber");
  });

  it("reaches FCM devices too", async () => {
    const f = await pushUser();
    const android = await addDevice(f, "FCM");
    const sent = await sendPush(f);
    expect(sent.status).toBe(201);
    expect(sent.body.devices.map((d: { platform: string }) => d.platform).sort()).toEqual(["APNS", "FCM"]);
    const [delivered] = await waitForDeliveries(android);
    expect(delivered!.body.message).toMatchObject({ token: android.token, data: { pushId: sent.body.id, rpId: RP }, notification: { title: "Sign-in request" } });
    expect(delivered!.body.message.android.ttl).toMatch(/^\d+s$/);
  });

  it("goes only to the preferred devices when any are set", async () => {
    const f = await pushUser();
    const second = await addDevice(f);
    expect((await api("POST", `${f.rp}/preferredDevices`, { body: { deviceId: second.deviceId } })).status).toBe(200);
    const sent = await sendPush(f);
    expect(sent.body.devices.map((d: { deviceId: string }) => d.deviceId)).toEqual([second.deviceId]);
  });

  it("refuses a user without a reachable device (1200) and a relying party without a push policy (2201)", async () => {
    const f = await pushUser();
    const bare = await api("POST", `/stores/${f.store}/users`, { body: { extId: "no-devices" } });
    const none = await api("POST", `/stores/${f.store}/users/${bare.body.id}/pushNotifications/relyingParties/${RP}`, { body: { title: "t", body: "b" } });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe(1200);
    const other = await api("POST", `${f.pushes}/relyingParties/other.example`, { body: { title: "t", body: "b" } });
    expect(other.body.code).toBe(2201);
  });

  it("supersedes the pending push beyond maxPendingPerUser", async () => {
    const f = await pushUser({ maxPendingPerUser: 1 });
    const first = await sendPush(f);
    const second = await sendPush(f);
    expect(second.status).toBe(201);
    const list = await api("GET", f.pushes);
    expect(list.status).toBe(200);
    expect(list.body.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [second.body.id, expect.stringMatching(/QUEUED|SENT/)],
      [first.body.id, "SUPERSEDED"],
    ]);
    expect(d1RoundTrips(list)).toBe(1);
  });
});
