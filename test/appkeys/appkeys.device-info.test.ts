import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { devicePushToken } from "../../src/appkeys/device-info";
import { toBase64Url } from "../../src/crypto/encoding";
import { api } from "../support/api";
import { appkeyUser, completeRegistration, FACET } from "../support/appkeys";
import { SoftUafAuthenticator } from "../support/uaf-authenticator";

const DAON = "com.daon.sdk.response.deviceInfo";

/** A registration response as an SDK sends it, with a deviceInfo extension in the header. */
async function registerWithDeviceInfo(f: Awaited<ReturnType<typeof appkeyUser>>, info: object, body: Record<string, unknown> = {}) {
  const start = await api("POST", `${f.rp}/registrations/default`, { body: {} });
  const response = JSON.parse(await new SoftUafAuthenticator().answer(start.body.fidoRegistrationRequest, FACET));
  response[0].header.exts = [{ id: DAON, data: toBase64Url(new TextEncoder().encode(JSON.stringify(info))), fail_if_unknown: false }];
  return completeRegistration(f, start.body, { fidoRegistrationResponse: JSON.stringify(response), deviceId: "d1", ...body });
}

describe("a push token reported in the UAF response (deviceInfo extension)", () => {
  it("is stored with the platform from its os", async () => {
    const f = await appkeyUser();
    const done = await registerWithDeviceInfo(f, { os: "Android 15", notificationToken: "fcm-token-1" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.appkey).toMatchObject({ hasPushToken: true, pushPlatform: "FCM" });
    const row = await env.DB.prepare("SELECT push_token FROM appkeys WHERE id = ?").bind(done.body.appkey.id).first<{ push_token: string }>();
    expect(row!.push_token).toBe("fcm-token-1");
  });

  it("gives way to the body's pushToken and pushPlatform", async () => {
    const f = await appkeyUser();
    const done = await registerWithDeviceInfo(f, { os: "iOS", notificationToken: "ext-token" }, { pushToken: "body-token", pushPlatform: "FCM" });
    const row = await env.DB.prepare("SELECT push_token, push_platform FROM appkeys WHERE id = ?").bind(done.body.appkey.id).first();
    expect(row).toEqual({ push_token: "body-token", push_platform: "FCM" });
  });

  it("is read from plain or base64url JSON, and ignored when unusable", () => {
    expect(devicePushToken([{ id: DAON, data: JSON.stringify({ os: "iPadOS 18", notificationToken: "t" }) }])).toEqual({ pushToken: "t", pushPlatform: "APNS" });
    expect(devicePushToken([{ id: DAON, data: "not json" }])).toBeUndefined();
    expect(devicePushToken([{ id: DAON, data: JSON.stringify({ os: "Symbian", notificationToken: "t" }) }])).toBeUndefined();
    expect(devicePushToken([{ id: "vendor.other", data: JSON.stringify({ os: "iOS", notificationToken: "t" }) }])).toBeUndefined();
  });
});
