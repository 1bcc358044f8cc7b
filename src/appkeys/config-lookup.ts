import { ApiError, ERRORS } from "../http/errors";
import { configEntry, ownValue } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { AppkeyConfig } from "./policy";

/** The relying-party config (own entries only), or 400/2201. */
export function appkeyConfig(store: StoreRow, rpId: string): AppkeyConfig {
  const config = configEntry(store.configuration, "appkeyConfigs", rpId, AppkeyConfig);
  if (!config) throw new ApiError(ERRORS.policyNotFound, { message: `No appkey config for relying party '${rpId}'.` });
  return config;
}

/** The relying-party config and one of its policies, or 400/2201. */
export function appkeyPolicy<K extends "registrationPolicies" | "authenticationPolicies">(store: StoreRow, rpId: string, kind: K, policyName: string) {
  const config = appkeyConfig(store, rpId);
  const policy = ownValue(config[kind], policyName) as AppkeyConfig[K][string] | undefined;
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `Appkey policy '${policyName}' does not exist for '${rpId}'.` });
  return { config, policy };
}

export const API_BASE_PATH = "/api/identity-store";

/** The UAF appID: the config's, or the server's own trusted facets URL for the store and relying party. */
export function appIdOf(config: AppkeyConfig, origin: string, storeId: string, rpId: string): string {
  return config.appId ?? `${origin}${API_BASE_PATH}/facets/${storeId}/${rpId}`;
}
