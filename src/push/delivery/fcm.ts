import type { ServiceAnswer } from "./http";
import { post } from "./http";
import type { DeviceMessage, SendOutcome } from "./types";

export const DEFAULT_FCM_BASE_URL = "https://fcm.googleapis.com";
export const DEFAULT_FCM_TOKEN_URL = "https://oauth2.googleapis.com/token";

interface GoogleError {
  error?: {
    status?: string;
    message?: string;
    details?: { "@type"?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[];
  };
}

/** One FCM HTTP v1 `messages.send`: the push as data (strings only) plus the notification, high priority, kept until it expires. */
export async function sendFcm(baseUrl: string, projectId: string, accessToken: string, message: DeviceMessage, now: number, timeoutMs: number): Promise<SendOutcome> {
  const ttlSec = Math.max(0, Math.ceil((message.expiresAt - now) / 1000));
  const body = {
    message: {
      token: message.token,
      data: { pushId: message.pushId, rpId: message.rpId, fidoAuthenticationRequest: message.fidoAuthenticationRequest, ...(message.data ? { data: JSON.stringify(message.data) } : {}) },
      notification: { title: message.title, body: message.body },
      android: { ttl: `${ttlSec}s`, priority: "high" },
    },
  };
  const url = `${baseUrl}/v1/projects/${encodeURIComponent(projectId)}/messages:send`;
  const answer = await post(url, { authorization: `Bearer ${accessToken}`, "content-type": "application/json" }, JSON.stringify(body), timeoutMs);
  if ("error" in answer) return { status: "RETRY", error: `FCM ${answer.error}` };
  return fcmOutcome(answer);
}

/**
 * Google's codes (FCM `ErrorCode`): UNREGISTERED, or INVALID_ARGUMENT with a violation on
 * `message.token`, means the device token is dead; a bare 404 (say, a wrong project) does not.
 */
function fcmOutcome({ status, body, retryAfterSec }: ServiceAnswer): SendOutcome {
  if (status === 200) return { status: "SENT" };
  const error = (body as GoogleError | null)?.error;
  const details = error?.details ?? [];
  const errorCode = details.find((detail) => detail.errorCode)?.errorCode;
  const text = `FCM ${status} ${errorCode ?? error?.status ?? ""}${error?.message ? `: ${error.message}` : ""}`.trim();
  const tokenViolation = details.some((detail) => detail.fieldViolations?.some((violation) => violation.field === "message.token"));
  if (errorCode === "UNREGISTERED" || (status === 400 && tokenViolation)) return { status: "INVALID_TOKEN", error: text };
  if (status === 401) return { status: "AUTH_REJECTED", error: text };
  if (status === 429 || status >= 500) return { status: "RETRY", error: text, ...(retryAfterSec !== undefined && { retryAfterSec }) };
  return { status: "FAILED", error: text };
}
