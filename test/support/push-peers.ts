import { env } from "cloudflare:workers";
import { toBase64, toHex } from "../../src/crypto/encoding";
import type { ApnsCredentials, DeviceMessage, FcmCredentials } from "../../src/push/delivery/types";

/** The fake APNs and FCM (test/peers), reached over the URLs the Worker is configured with. */
export type Peer = "apns" | "fcm";

/** A request as the fake recorded it (it passed authentication; `status` is what the fake answered). */
export interface RecordedDelivery {
  headers: Record<string, string>;
  body: any;
  status: number;
  reason?: string;
  receivedAt: number;
  /** APNs: the verified provider token's header and claims. */
  jwtHeader?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** FCM: the project in the URL and the service account the access token was issued to. */
  projectId?: string;
  clientEmail?: string;
}

export interface Rejection {
  status: number;
  reason?: string;
  error?: string;
  endpoint?: "token" | "send";
  detail: string;
  receivedAt: number;
}

/** An answer a fake gives instead of 200: a status, or with a Retry-After, a reason or a delay. */
export type ScriptedAnswer = number | { status?: number; reason?: string; retryAfter?: number; delayMs?: number };

const peerUrl = (peer: Peer) => (peer === "apns" ? env.APNS_BASE_URL : env.FCM_BASE_URL)!;

async function control<T>(peer: Peer, path: string, body?: unknown): Promise<T> {
  const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(`${peerUrl(peer)}/_control/${path}`, init);
  if (!res.ok) throw new Error(`fake ${peer} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const random = (bytes: number) => toHex(crypto.getRandomValues(new Uint8Array(bytes)));
const upper = (length: number) => random(length).slice(0, length).toUpperCase();

/** A private key in PKCS#8 PEM, the form a policy holds. */
export async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return pem("PRIVATE KEY", (await crypto.subtle.exportKey("pkcs8", key)) as ArrayBuffer);
}

export function pem(label: string, der: ArrayBuffer): string {
  const lines = toBase64(new Uint8Array(der)).match(/.{1,64}/g)!.join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

/** Fresh APNs credentials (a new P-256 key, random team and key ids) whose public key the fake APNs knows. */
export async function apnsCredentials(overrides: Partial<ApnsCredentials> = {}): Promise<ApnsCredentials> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const credentials = { teamId: upper(10), keyId: upper(10), bundleId: "com.example.bank", privateKeyPem: await pkcs8Pem(keys.privateKey), production: false, ...overrides };
  const publicKey = await crypto.subtle.exportKey("jwk", keys.publicKey);
  await control("apns", "keys", { teamId: credentials.teamId, keyId: credentials.keyId, publicKey });
  return credentials;
}

/** Fresh FCM credentials (a new RSA-2048 key, a random service account) the fake FCM knows; `expiresIn`: its access tokens' lifetime. */
export async function fcmCredentials(options: { expiresIn?: number } = {}): Promise<FcmCredentials> {
  const keys = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const clientEmail = `push-${random(6)}@bank-app.iam.gserviceaccount.com`;
  const publicKey = await crypto.subtle.exportKey("jwk", keys.publicKey);
  await control("fcm", "keys", { clientEmail, publicKey, expiresIn: options.expiresIn });
  return { projectId: "bank-app", clientEmail, privateKeyPem: await pkcs8Pem(keys.privateKey) };
}

/** A device token of the platform's form (APNs: 32 bytes in hex). */
export const deviceToken = (platform: DeviceMessage["platform"]) => (platform === "APNS" ? random(32) : `fcm-${random(16)}:APA91b${random(24)}`);

export function deviceMessage(platform: DeviceMessage["platform"], overrides: Partial<DeviceMessage> = {}): DeviceMessage {
  return {
    platform,
    token: deviceToken(platform),
    title: "Sign-in request",
    body: "Approve the sign-in to bank.example?",
    pushId: crypto.randomUUID(),
    rpId: "bank.example",
    fidoAuthenticationRequest: JSON.stringify([{ header: { op: "Auth" }, challenge: random(16) }]),
    expiresAt: Date.now() + 120_000,
    ...overrides,
  };
}

export const scriptAnswers = (peer: Peer, token: string, answers: ScriptedAnswer[]) => control<void>(peer, "answers", { token, answers });

export const deliveries = (peer: Peer, token: string) => control<RecordedDelivery[]>(peer, `deliveries?token=${encodeURIComponent(token)}`);

export const apnsRejections = (c: ApnsCredentials) => control<Rejection[]>("apns", `rejections?teamId=${c.teamId}&keyId=${c.keyId}`);

export const fcmRejections = (c: FcmCredentials) => control<Rejection[]>("fcm", `rejections?clientEmail=${encodeURIComponent(c.clientEmail)}`);

/** Distinct provider tokens the fake APNs has seen for these credentials' key. */
export const apnsProviderTokens = async (c: ApnsCredentials) => (await control<{ providerTokens: number }>("apns", `counters?teamId=${c.teamId}&keyId=${c.keyId}`)).providerTokens;

/** Access tokens the fake FCM has issued to these credentials' service account. */
export const fcmGrants = async (c: FcmCredentials) => (await control<{ grants: number }>("fcm", `counters?clientEmail=${encodeURIComponent(c.clientEmail)}`)).grants;
