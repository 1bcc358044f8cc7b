import type { BatchItem } from "drizzle-orm/batch";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import { renderUser } from "../users/render";
import { writeAndReadView, type LoadedUser, type SummarySource } from "../users/view";
import { appIdOf } from "./config-lookup";
import { APPKEY_ERRORS } from "./errors";
import { AppkeyConfig } from "./policy";
import { deleteAppkeyStatement, setPreferredDevicesStatement, type AppkeyRow } from "./storage";
import { buildDeregistrationRequest } from "./uaf";

export const appkeysOf = ({ view }: LoadedUser) => (view.credentials.appkeys ?? []) as AppkeyRow[];

export function requireAppkey(loaded: LoadedUser, id: string): AppkeyRow {
  const row = appkeysOf(loaded).find((k) => k.id === id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "Appkey not found." });
  return row;
}

async function rerender(scope: RequestScope, sources: readonly SummarySource[], loaded: LoadedUser, writes: BatchItem<"sqlite">[]) {
  const view = writes.length ? ((await writeAndReadView(scope.db, sources, writes, loaded.view.user.id, scope.now)) ?? loaded.view) : loaded.view;
  return renderUser(view, sources, scope.now);
}

/**
 * Removes the user's appkeys for `rpId` (all of them, or the one with `keyId`: unknown → 404) and
 * answers the UAF deregistration request the app hands its UAF client. The removed keys' devices
 * leave the preferred devices (`prunePreferredDevices`).
 */
export async function deregister(scope: RequestScope, sources: readonly SummarySource[], loaded: LoadedUser, rpId: string, keyId?: string) {
  const { db } = scope;
  const keys = appkeysOf(loaded).filter((k) => k.rpId === rpId && (keyId === undefined || k.keyId === keyId));
  if (keyId !== undefined && keys.length === 0) throw new ApiError(ERRORS.notFound, { message: "No appkey with this KeyID for the relying party." });
  const config = configEntry(loaded.store.configuration, "appkeyConfigs", rpId, AppkeyConfig) ?? AppkeyConfig.parse({});
  const appId = appIdOf(config, scope.meta.origin, loaded.store.id, rpId);
  const writes: BatchItem<"sqlite">[] = [...keys.map((k) => deleteAppkeyStatement(db, k.id)), ...prunePreferredDevices(scope, loaded, keys)];
  const user = await rerender(scope, sources, loaded, writes);
  return { user, fidoDeregistrationRequest: buildDeregistrationRequest(appId, keys.map((k) => ({ aaid: k.aaid, keyID: k.keyId }))) };
}

/**
 * After `removed` appkeys go, the preferred devices that no remaining appkey of the user carries
 * leave the lists too (a push must never target a device without a key); an emptied list is dropped.
 */
export function prunePreferredDevices(scope: RequestScope, loaded: LoadedUser, removed: AppkeyRow[]): BatchItem<"sqlite">[] {
  const devices = preferredDevices(loaded);
  const remaining = appkeysOf(loaded).filter((k) => !removed.some((r) => r.id === k.id));
  let changed = false;
  for (const rpId of new Set(removed.map((k) => k.rpId))) {
    if (!Object.hasOwn(devices, rpId)) continue;
    const kept = devices[rpId]!.filter((device) => remaining.some((k) => k.rpId === rpId && k.deviceId === device));
    if (kept.length === devices[rpId]!.length) continue;
    changed = true;
    if (kept.length > 0) devices[rpId] = kept;
    else delete devices[rpId];
  }
  return changed ? [setPreferredDevicesStatement(scope.db, loaded.view.user.id, devices, scope.now)] : [];
}

/** The user's `attributes.appkeyPreferredDevices` (own entries that are string lists only). */
export function preferredDevices(loaded: Pick<LoadedUser, "view">): Record<string, string[]> {
  const raw = (loaded.view.user.attributes as Record<string, unknown> | null)?.["appkeyPreferredDevices"];
  const out: Record<string, string[]> = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return out;
  for (const [rp, list] of Object.entries(raw)) if (Array.isArray(list)) out[rp] = list.filter((d): d is string => typeof d === "string");
  return out;
}

export type PreferredDeviceChange = { set: string } | { clear: true } | { remove: string };

/** Puts a device first (it must carry one of the user's appkeys for rpId: 1109), clears the list, or removes one device. */
export async function changePreferredDevices(scope: RequestScope, sources: readonly SummarySource[], loaded: LoadedUser, rpId: string, change: PreferredDeviceChange) {
  const devices = preferredDevices(loaded);
  const current = Object.hasOwn(devices, rpId) ? devices[rpId]! : [];
  let next: string[] | undefined;
  if ("set" in change) {
    if (!appkeysOf(loaded).some((k) => k.rpId === rpId && k.deviceId === change.set)) throw new ApiError(APPKEY_ERRORS.deviceNotRegistered);
    next = [change.set, ...current.filter((d) => d !== change.set)];
  } else if ("remove" in change) {
    next = current.filter((d) => d !== change.remove);
  }
  const had = Object.hasOwn(devices, rpId);
  if (next === undefined || next.length === 0) delete devices[rpId];
  else devices[rpId] = next;
  const changed = had || next !== undefined;
  const writes = changed ? [setPreferredDevicesStatement(scope.db, loaded.view.user.id, devices, scope.now)] : [];
  return { user: await rerender(scope, sources, loaded, writes) };
}
