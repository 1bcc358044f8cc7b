import type { z } from "@hono/zod-openapi";
import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { TotpPolicy } from "./policy";

export type ResolvedTotpPolicy = z.output<typeof TotpPolicy> & { issuer: string };

/** The store's TOTP policy `name` with its issuer resolved (default: the store name), or 400/2201. */
export function totpPolicy(store: StoreRow, name: string): ResolvedTotpPolicy {
  const policy = configEntry(store.configuration, "totpPolicies", name, TotpPolicy);
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `TOTP policy '${name}' does not exist in the store.` });
  return { ...policy, issuer: policy.issuer ?? store.name };
}
