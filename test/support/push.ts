import { expect } from "vitest";
import { fromBase64Url } from "../../src/crypto/encoding";
import type { ApnsCredentials, FcmCredentials } from "../../src/push/delivery/types";
import { api, type ApiResponse } from "./api";
import { appkeyUser, FACET, registerAppkey, RP, type AppkeyFixture } from "./appkeys";
import { apnsCredentials, deliveries, deviceToken, fcmCredentials, type RecordedDelivery } from "./push-peers";
import { SoftUafAuthenticator } from "./uaf-authenticator";

export interface PushDevice {
  authenticator: SoftUafAuthenticator;
  token: string;
  platform: "APNS" | "FCM";
  deviceId: string;
  appkeyId: string;
}

export interface PushFixture extends AppkeyFixture {
  apns: ApnsCredentials;
  fcm: FcmCredentials;
  device: PushDevice;
  pushes: string;
}

/** An appkey device of the user with a push token (registered through the API). */
export async function addDevice(f: AppkeyFixture, platform: "APNS" | "FCM" = "APNS", deviceId = `device-${crypto.randomUUID().slice(0, 8)}`): Promise<PushDevice> {
  const token = deviceToken(platform);
  const { authenticator, complete } = await registerAppkey(f, { body: { deviceId, pushToken: token, pushPlatform: platform } });
  expect(complete.status).toBe(200);
  return { authenticator, token, platform, deviceId, appkeyId: complete.body.appkey.id };
}

/** A store with an appkey relying party, a push policy for it (APNs and FCM credentials the fakes know) and a user with one APNs device. */
export async function pushUser(policy: Record<string, unknown> = {}): Promise<PushFixture> {
  const f = await appkeyUser();
  const [apns, fcm] = await Promise.all([apnsCredentials(), fcmCredentials()]);
  const created = await api("POST", `/stores/${f.store}/pushNotificationPolicy`, { body: { rpId: RP, apnsConfig: apns, fcmConfig: fcm, ...policy } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const device = await addDevice(f);
  return { ...f, apns, fcm, device, pushes: `${f.userPath}/pushNotifications` };
}

export const sendPush = (f: PushFixture, body: Record<string, unknown> = {}) =>
  api("POST", `${f.pushes}/relyingParties/${RP}`, { body: { title: "Sign-in request", body: "Someone is signing in to your bank.", ...body } });

export const answerPush = (f: AppkeyFixture, id: string, body: Record<string, unknown>) => api("POST", `/stores/${f.store}/pushNotifications/${id}/answers`, { body });

/** What the app does: signs the push's UAF request (the text it shows as transaction) and posts it with the number the user typed. */
export async function approve(f: PushFixture, sent: ApiResponse, options: { device?: PushDevice; number?: string | null; signedText?: string; request?: string } = {}) {
  const device = options.device ?? f.device;
  const request = options.request ?? (await deliveredRequest(device, sent.body.id));
  const [req] = JSON.parse(request) as [{ header: { appID: string }; challenge: string; transaction: { content: string }[] }];
  const shown = new TextDecoder().decode(fromBase64Url(req.transaction[0]!.content));
  const { response } = await device.authenticator.authenticationResponse({ appID: req.header.appID, facetID: FACET, challenge: req.challenge }, options.signedText ?? shown);
  const number = options.number === undefined ? sent.body.matchingNumber : options.number;
  return answerPush(f, sent.body.id, { fidoAuthenticationResponse: response, ...(number === null ? {} : { matchingNumber: number }) });
}

/** Waits until the fake service has recorded `count` requests for the device's token. */
export async function waitForDeliveries(device: Pick<PushDevice, "platform" | "token">, count = 1, timeoutMs = 10_000): Promise<RecordedDelivery[]> {
  const peer = device.platform === "APNS" ? "apns" : "fcm";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recorded = await deliveries(peer, device.token);
    if (recorded.length >= count) return recorded;
    if (Date.now() > deadline) throw new Error(`${peer}: ${recorded.length} of ${count} deliveries to ${device.token} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The UAF request the device got for a push (APNs body, or FCM data), once it arrived. */
export async function deliveredRequest(device: PushDevice, pushId: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (let count = 1; ; ) {
    const recorded = await waitForDeliveries(device, count, Math.max(0, deadline - Date.now()));
    const payload = recorded.map((r) => (device.platform === "APNS" ? r.body : r.body.message.data)).find((p) => p.pushId === pushId);
    if (payload) return payload.fidoAuthenticationRequest;
    count = recorded.length + 1;
  }
}

/** Polls the push until `done` holds for it. */
export async function waitForPush(f: PushFixture, id: string, done: (push: any) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await api("GET", `${f.pushes}/${id}`);
    expect(got.status).toBe(200);
    if (done(got.body)) return got.body;
    if (Date.now() > deadline) throw new Error(`push ${id}: ${JSON.stringify(got.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
