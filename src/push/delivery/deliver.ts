import { toHex } from "../../crypto/encoding";
import type { Bindings } from "../../env";
import { apnsBaseUrl, sendApns } from "./apns";
import { DEFAULT_FCM_BASE_URL, DEFAULT_FCM_TOKEN_URL, sendFcm } from "./fcm";
import type { TokenResult } from "./provider-tokens";
import type { ApnsCredentials, DeliveryResult, DeviceMessage, FcmCredentials, SendOutcome } from "./types";

/** The policy's credentials per platform (either may be absent). */
export interface PushCredentials {
  apns?: ApnsCredentials;
  fcm?: FcmCredentials;
}

const MAX_ATTEMPTS = 3;
/** A longer Retry-After is not waited out here: the outcome goes back to the queue, which retries later. */
const MAX_WAIT_SEC = 5;
const encoder = new TextEncoder();

/** How one platform is reached: its provider token (through the shared Durable Object) and one send. */
interface Channel {
  token(): Promise<TokenResult>;
  invalidate(token: string): Promise<void>;
  send(token: string): Promise<SendOutcome>;
}

/**
 * Sends `message` to its device through APNs or FCM. Retryable outcomes (429, 5xx, network errors,
 * timeouts) are tried again here, up to 3 tries with exponential backoff (PUSH_RETRY_BASE_MS, ×2)
 * or the service's Retry-After when it is at most 5 s; a provider token the service refuses is
 * replaced once. Never throws: returns the last outcome — RETRY when it is still worth retrying
 * later — and the number of tries.
 *
 * `cacheKey` names the policy (e.g. `<storeId>/<rpId>`): its provider tokens are cached under it
 * and a fingerprint of the signing credentials, so a changed key gets new tokens.
 */
export async function deliver(env: Bindings, cacheKey: string, credentials: PushCredentials, message: DeviceMessage): Promise<DeliveryResult & { attempts: number }> {
  const channel = await channelFor(env, cacheKey, credentials, message);
  if (!channel) return { status: "FAILED", error: `no ${message.platform === "APNS" ? "APNs" : "FCM"} configuration`, attempts: 0 };
  const retryBaseMs = numberSetting(env.PUSH_RETRY_BASE_MS, 250);
  let mayRefreshToken = true;

  const tryOnce = async (): Promise<DeliveryResult> => {
    for (;;) {
      const token = await channel.token();
      if ("error" in token) return token.retryable ? { status: "RETRY", error: token.error } : { status: "FAILED", error: token.error };
      const outcome = await channel.send(token.token);
      if (outcome.status !== "AUTH_REJECTED") return outcome;
      if (!mayRefreshToken) return { status: "FAILED", error: outcome.error };
      mayRefreshToken = false;
      await channel.invalidate(token.token);
    }
  };

  for (let attempt = 1; ; attempt++) {
    // The token cache may be briefly unavailable (a Durable Object reset or overloaded): worth retrying.
    const outcome = await tryOnce().catch((error: unknown): DeliveryResult => ({ status: "RETRY", error: `push delivery: ${String(error)}` }));
    const waitSec = outcome.status === "RETRY" ? outcome.retryAfterSec : undefined;
    if (outcome.status !== "RETRY" || attempt === MAX_ATTEMPTS || (waitSec ?? 0) > MAX_WAIT_SEC) return { ...outcome, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, waitSec !== undefined ? waitSec * 1000 : retryBaseMs * 2 ** (attempt - 1)));
  }
}

async function channelFor(env: Bindings, cacheKey: string, credentials: PushCredentials, message: DeviceMessage): Promise<Channel | undefined> {
  const timeoutMs = numberSetting(env.PUSH_TIMEOUT_MS, 10_000);
  if (message.platform === "APNS") {
    const apns = credentials.apns;
    if (!apns) return undefined;
    const tokens = await tokenCache(env, `apns/${cacheKey}`, [apns.teamId, apns.keyId, apns.privateKeyPem]);
    const baseUrl = apnsBaseUrl(env.APNS_BASE_URL, apns.production);
    return {
      token: () => tokens.apnsToken(apns, Date.now()),
      invalidate: (token) => tokens.invalidate(token),
      send: (token) => sendApns(baseUrl, apns, token, message, timeoutMs),
    };
  }
  const fcm = credentials.fcm;
  if (!fcm) return undefined;
  const tokens = await tokenCache(env, `fcm/${cacheKey}`, [fcm.clientEmail, fcm.privateKeyPem]);
  const exchange = { tokenUrl: env.FCM_TOKEN_URL || DEFAULT_FCM_TOKEN_URL, timeoutMs };
  const baseUrl = env.FCM_BASE_URL || DEFAULT_FCM_BASE_URL;
  return {
    token: () => tokens.fcmToken(fcm, exchange, Date.now()),
    invalidate: (token) => tokens.invalidate(token),
    send: (token) => sendFcm(baseUrl, fcm.projectId, token, message, Date.now(), timeoutMs),
  };
}

/** The token cache instance for `name` and these signing credentials (named by their SHA-256). */
async function tokenCache(env: Bindings, name: string, signingCredentials: string[]) {
  const fingerprint = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify(signingCredentials)))));
  return env.PUSH_TOKENS.get(env.PUSH_TOKENS.idFromName(`${name}/${fingerprint}`));
}

function numberSetting(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
