import { ApiError, ERRORS } from "../http/errors";
import { storeConfiguration } from "../stores/render";
import type { StoreRow } from "../stores/storage";

/** The relying-party config and one of its policies, or 400/2201. */
export function passkeyPolicy<K extends "registrationPolicies" | "authenticationPolicies">(store: StoreRow, rpId: string, kind: K, policyName: string) {
  const config = storeConfiguration(store).passkeyConfigs[rpId];
  if (!config) throw new ApiError(ERRORS.policyNotFound, { message: `No passkey config for relying party '${rpId}'.` });
  const policy = config[kind][policyName] as (typeof config)[K][string] | undefined;
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `Passkey policy '${policyName}' does not exist for '${rpId}'.` });
  return { config, policy };
}
