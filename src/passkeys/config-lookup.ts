import { ApiError, ERRORS } from "../http/errors";
import { configEntry, ownValue } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { PasskeyConfig } from "./policy";

/** The relying-party config and one of its policies (own entries only), or 400/2201. */
export function passkeyPolicy<K extends "registrationPolicies" | "authenticationPolicies">(store: StoreRow, rpId: string, kind: K, policyName: string) {
  const config = configEntry(store.configuration, "passkeyConfigs", rpId, PasskeyConfig);
  if (!config) throw new ApiError(ERRORS.policyNotFound, { message: `No passkey config for relying party '${rpId}'.` });
  const policy = ownValue(config[kind], policyName) as PasskeyConfig[K][string] | undefined;
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `Passkey policy '${policyName}' does not exist for '${rpId}'.` });
  return { config, policy };
}
