import type { ServiceAnswer } from "./http";
import { post } from "./http";
import type { ApnsCredentials, DeviceMessage, SendOutcome } from "./types";

/** Apple's two hosts; `APNS_BASE_URL` replaces both (tests, a proxy). */
export function apnsBaseUrl(configured: string | undefined, production: boolean): string {
  return configured || (production ? "https://api.push.apple.com" : "https://api.sandbox.push.apple.com");
}

/** The APNs notification body: the alert, and what the app needs to answer. */
export function apnsPayload(message: Omit<DeviceMessage, "platform" | "token" | "expiresAt">) {
  return {
    aps: { alert: { title: message.title, body: message.body } },
    pushId: message.pushId,
    rpId: message.rpId,
    fidoAuthenticationRequest: message.fidoAuthenticationRequest,
    ...(message.data ? { data: message.data } : {}),
  };
}

/**
 * One notification request to APNs (Apple: "Sending notification requests to APNs"): an alert,
 * priority 10 (immediate), stored by APNs until the push expires.
 */
export async function sendApns(baseUrl: string, credentials: ApnsCredentials, providerToken: string, message: DeviceMessage, timeoutMs: number): Promise<SendOutcome> {
  const headers = {
    authorization: `bearer ${providerToken}`,
    "apns-topic": credentials.bundleId,
    "apns-push-type": "alert",
    "apns-expiration": String(Math.floor(message.expiresAt / 1000)),
    "apns-priority": "10",
    "content-type": "application/json",
  };
  const answer = await post(`${baseUrl}/3/device/${encodeURIComponent(message.token)}`, headers, JSON.stringify(apnsPayload(message)), timeoutMs);
  if ("error" in answer) return { status: "RETRY", error: `APNs ${answer.error}` };
  return apnsOutcome(answer);
}

/** Apple's status codes and `reason`s ("Handling notification responses from APNs"). */
function apnsOutcome({ status, body, retryAfterSec }: ServiceAnswer): SendOutcome {
  if (status === 200) return { status: "SENT" };
  const reason = (body as { reason?: unknown } | null)?.reason;
  const error = typeof reason === "string" ? `APNs ${status} ${reason}` : `APNs ${status}`;
  if (status === 410 || (status === 400 && (reason === "BadDeviceToken" || reason === "DeviceTokenNotForTopic"))) return { status: "INVALID_TOKEN", error };
  if (status === 403 && (reason === "ExpiredProviderToken" || reason === "InvalidProviderToken")) return { status: "AUTH_REJECTED", error };
  if (status === 429 || status >= 500) return { status: "RETRY", error, ...(retryAfterSec !== undefined && { retryAfterSec }) };
  return { status: "FAILED", error };
}
