import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { PushNotificationPolicy } from "./policy";

/** The relying party's push policy (own entries only), or 400/2201. */
export function pushPolicy(store: StoreRow, rpId: string): PushNotificationPolicy {
  const policy = configEntry(store.configuration, "pushNotificationPolicies", rpId, PushNotificationPolicy);
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `No push notification policy for relying party '${rpId}'.` });
  return policy;
}
