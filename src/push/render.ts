import { toDtm } from "../http/dtm";
import type { PushPlatform } from "../appkeys/schemas";
import { PENDING_STATUSES, type DeliveryStatus, type PushStatus } from "./schemas";
import type { DeliveryRow, PushRow } from "./storage";

const isPending = (status: string) => (PENDING_STATUSES as readonly string[]).includes(status);

/** A pending push whose time is up is EXPIRED, whether or not the expiry message has run yet. */
export function pushStatus(row: PushRow, now: number): PushStatus {
  return isPending(row.status) && row.expiresAt <= now ? "EXPIRED" : (row.status as PushStatus);
}

export function renderPush(row: PushRow, deliveries: DeliveryRow[], now: number) {
  return {
    id: row.id,
    rpId: row.rpId,
    status: pushStatus(row, now),
    devices: deliveries
      .filter((d) => d.pushId === row.id)
      .map((d) => ({ deviceId: d.deviceId, platform: d.platform as PushPlatform, status: d.status as DeliveryStatus, ...(d.error ? { error: d.error } : {}) })),
    createdDtm: toDtm(row.createdAt)!,
    expirationDtm: toDtm(row.expiresAt)!,
    ...(row.answeredAt !== null ? { answeredDtm: toDtm(row.answeredAt)! } : {}),
    ...(row.authenticationId ? { authenticationId: row.authenticationId } : {}),
  };
}

export type RenderedPush = ReturnType<typeof renderPush>;
