import type { BatchItem } from "drizzle-orm/batch";
import type { RequestScope } from "../http/context";
import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import { renderUser } from "../users/render";
import { writeAndReadView, type LoadedUser, type SummarySource, type UserView } from "../users/view";
import { appIdOf } from "./config-lookup";
import { APPKEY_ERRORS } from "./errors";
import { AppkeyConfig } from "./policy";
import { clearPreferredDevicesStatement, deleteAppkeyStatement, preferDeviceStatement, prunePreferredDevicesStatement, unpreferDeviceStatement, type AppkeyRow } from "./storage";
import { buildDeregistrationRequest } from "./uaf";

export const appkeysOf = ({ view }: LoadedUser) => (view.credentials.appkeys ?? []) as AppkeyRow[];

export function requireAppkey(loaded: LoadedUser, id: string): AppkeyRow {
  const row = appkeysOf(loaded).find((k) => k.id === id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "Appkey not found." });
  return row;
}

/** The user view after `writes` (one round trip), or as loaded when there are none. */
async function viewAfter(scope: RequestScope, sources: readonly SummarySource[], loaded: LoadedUser, writes: BatchItem<"sqlite">[]): Promise<UserView> {
  return writes.length ? ((await writeAndReadView(scope.db, sources, writes, loaded.view.user.id, scope.now)) ?? loaded.view) : loaded.view;
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
  const user = renderUser(await viewAfter(scope, sources, loaded, writes), sources, scope.now);
  return { user, fidoDeregistrationRequest: buildDeregistrationRequest(appId, keys.map((k) => ({ aaid: k.aaid, keyID: k.keyId }))) };
}

/**
 * After `removed` appkeys go, the preferred devices that no remaining appkey of the user carries
 * leave the lists too (a push must never target a device without a key); an emptied list is
 * dropped. Decided in SQL when the batch runs (after the deletes), not from what was read, so a
 * device put first meanwhile is taken out too.
 */
export function prunePreferredDevices(scope: RequestScope, loaded: LoadedUser, removed: AppkeyRow[]): BatchItem<"sqlite">[] {
  return [...new Set(removed.map((k) => k.rpId))].map((rpId) => prunePreferredDevicesStatement(scope.db, loaded.view.user.id, rpId, scope.now));
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

/**
 * Puts a device first (it must carry one of the user's appkeys for rpId: 1109), clears the list, or
 * removes one device. The change is made in SQL on the list as stored when it runs, so concurrent
 * changes all land; the answer is the user as the change left them.
 */
export async function changePreferredDevices(scope: RequestScope, sources: readonly SummarySource[], loaded: LoadedUser, rpId: string, change: PreferredDeviceChange) {
  const { db, now } = scope;
  const userId = loaded.view.user.id;
  let writes: BatchItem<"sqlite">[];
  if ("set" in change) {
    if (!appkeysOf(loaded).some((k) => k.rpId === rpId && k.deviceId === change.set)) throw new ApiError(APPKEY_ERRORS.deviceNotRegistered);
    writes = [preferDeviceStatement(db, userId, rpId, change.set, now)];
  } else if ("remove" in change) {
    writes = [unpreferDeviceStatement(db, userId, rpId, change.remove, now)];
  } else {
    writes = Object.hasOwn(preferredDevices(loaded), rpId) ? [clearPreferredDevicesStatement(db, userId, rpId, now)] : [];
  }
  const view = await viewAfter(scope, sources, loaded, writes);
  // the device's last appkey for rpId went between the read and the write: nothing was written
  if ("set" in change && preferredDevices({ view })[rpId]?.[0] !== change.set) throw new ApiError(APPKEY_ERRORS.deviceNotRegistered);
  return { user: renderUser(view, sources, now) };
}
