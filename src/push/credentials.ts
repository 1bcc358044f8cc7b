import { decryptSecret, encryptSecret } from "../crypto/encrypt";
import { ApiError, ERRORS } from "../http/errors";
import type { EntryWrite } from "../stores/policy-kinds";
import { ownValue } from "../stores/entries";
import { parseApnsKey } from "./delivery/apns-token";
import { parseFcmKey } from "./delivery/fcm-token";
import { InvalidKeyError } from "./delivery/pem";
import type { PushCredentials } from "./delivery/deliver";
import type { PushNotificationPolicy } from "./policy";

const MASK = "***";
const SEALED = "sealed:";
const PURPOSE = "push-credentials";
const SERVICES = { apnsConfig: parseApnsKey, fcmConfig: parseFcmKey } as const;
type Service = keyof typeof SERVICES;

const aadOf = (storeId: string, rpId: string, service: Service) => `${storeId}\u0000${rpId}\u0000${service}`;

async function sealKey(value: unknown, previous: unknown, service: Service, write: EntryWrite): Promise<string> {
  const path = `configuration.pushNotificationPolicies.${write.key}.${service}.privateKeyPem`;
  if (typeof previous === "string" && (value === MASK || value === previous)) return previous;
  if (typeof value !== "string" || value === MASK || value.startsWith(SEALED)) {
    throw new ApiError(ERRORS.validation, { message: `${service}.privateKeyPem: send the PEM private key.`, details: [{ path, message: "no stored key to keep" }] });
  }
  try {
    await SERVICES[service](value);
  } catch (error) {
    if (!(error instanceof InvalidKeyError)) throw error;
    throw new ApiError(ERRORS.validation, { message: error.message, details: [{ path, message: error.message }] });
  }
  return SEALED + (await encryptSecret(write.rootSecret, PURPOSE, new TextEncoder().encode(value), aadOf(write.storeId, write.key, service)));
}

/**
 * A push policy as it is stored: it must belong to an appkey relying party (else 400/2201) and
 * reach at least one service; each private key is checked, then sealed (a `***` keeps the stored one).
 */
export async function sealPolicy(entry: Record<string, unknown>, write: EntryWrite): Promise<Record<string, unknown>> {
  if (ownValue(write.configuration.appkeyConfigs, write.key) === undefined) {
    throw new ApiError(ERRORS.policyNotFound, { message: `No appkey config for relying party '${write.key}': a push policy belongs to one.` });
  }
  if (entry.apnsConfig === undefined && entry.fcmConfig === undefined) {
    throw new ApiError(ERRORS.validation, { message: "A push policy needs apnsConfig, fcmConfig or both." });
  }
  const sealed = { ...entry };
  for (const service of Object.keys(SERVICES) as Service[]) {
    const config = entry[service] as Record<string, unknown> | undefined;
    if (!config) continue;
    const before = write.previous?.[service] as Record<string, unknown> | undefined;
    sealed[service] = { ...config, privateKeyPem: await sealKey(config.privateKeyPem, before?.privateKeyPem, service, write) };
  }
  return sealed;
}

/** The policy as responses show it: `privateKeyPem: "***"`. */
export function maskPolicy(entry: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...entry };
  for (const service of Object.keys(SERVICES) as Service[]) {
    const config = entry[service] as Record<string, unknown> | undefined;
    if (config) shown[service] = { ...config, privateKeyPem: MASK };
  }
  return shown;
}

async function openKey(rootSecret: string, sealed: string, storeId: string, rpId: string, service: Service): Promise<string> {
  const plaintext = await decryptSecret(rootSecret, PURPOSE, sealed.slice(SEALED.length), aadOf(storeId, rpId, service));
  return new TextDecoder().decode(plaintext);
}

/** The policy's credentials with their private keys decrypted, for delivery. */
export async function openCredentials(rootSecret: string, storeId: string, rpId: string, policy: PushNotificationPolicy): Promise<PushCredentials> {
  const { apnsConfig, fcmConfig } = policy;
  return {
    ...(apnsConfig ? { apns: { ...apnsConfig, privateKeyPem: await openKey(rootSecret, apnsConfig.privateKeyPem, storeId, rpId, "apnsConfig") } } : {}),
    ...(fcmConfig ? { fcm: { ...fcmConfig, privateKeyPem: await openKey(rootSecret, fcmConfig.privateKeyPem, storeId, rpId, "fcmConfig") } } : {}),
  };
}
