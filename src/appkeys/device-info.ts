import { fromBase64Url } from "../crypto/encoding";
import type { PushPlatform } from "./schemas";
import type { UafMessageExtension } from "./uaf";

/** Where SDKs such as Daon's put the device's details in a UAF response. */
const DEVICE_INFO = /(^|\.)deviceInfo$/;

function readJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(fromBase64Url(data)));
    } catch {
      return undefined;
    }
  }
}

const platformOf = (os: unknown): PushPlatform | undefined => (typeof os !== "string" ? undefined : /ios|ipados/i.test(os) ? "APNS" : /android/i.test(os) ? "FCM" : undefined);

/**
 * The push token a `com.daon.sdk.response.deviceInfo`-style extension carries: its
 * `notificationToken`, with the platform from its `os` (JSON, as text or base64url).
 */
export function devicePushToken(extensions: readonly UafMessageExtension[]): { pushToken: string; pushPlatform: PushPlatform } | undefined {
  for (const extension of extensions) {
    if (!DEVICE_INFO.test(extension.id)) continue;
    const info = readJson(extension.data);
    if (typeof info !== "object" || info === null) continue;
    const { notificationToken, os } = info as Record<string, unknown>;
    const pushPlatform = platformOf(os);
    if (typeof notificationToken === "string" && notificationToken.length > 0 && notificationToken.length <= 4096 && pushPlatform) return { pushToken: notificationToken, pushPlatform };
  }
  return undefined;
}
