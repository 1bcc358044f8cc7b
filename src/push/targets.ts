import type { KeyType } from "../appkeys/policy";
import type { PushPlatform } from "../appkeys/schemas";
import type { AppkeyRow } from "../appkeys/storage";

export interface Target {
  key: AppkeyRow;
  deviceId: string;
  platform: PushPlatform;
}

/**
 * Where a push goes: the user's preferred devices for the relying party when any are set, else
 * every device with an ACTIVE appkey of the policy's key types and a push token not reported gone,
 * on a platform the push policy can reach. A device is its `deviceId` (else the appkey's id); of
 * several appkeys on one device, the newest.
 */
export function pushTargets(keys: AppkeyRow[], rpId: string, keyTypes: readonly KeyType[], platforms: ReadonlySet<string>, preferred: readonly string[]): Target[] {
  const byDevice = new Map<string, Target>();
  for (const key of [...keys].sort((a, b) => a.createdAt - b.createdAt)) {
    const reachable = key.rpId === rpId && key.status === "ACTIVE" && keyTypes.includes(key.keyType as KeyType) && key.pushToken !== null && key.pushTokenInvalidAt === null;
    if (!reachable || !key.pushPlatform || !platforms.has(key.pushPlatform)) continue;
    const deviceId = key.deviceId ?? key.id;
    byDevice.set(deviceId, { key, deviceId, platform: key.pushPlatform as PushPlatform });
  }
  if (preferred.length > 0) return preferred.flatMap((deviceId) => byDevice.get(deviceId) ?? []);
  return [...byDevice.values()];
}
