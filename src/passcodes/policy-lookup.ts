import type { z } from "@hono/zod-openapi";
import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { StoredPasscodePolicy } from "./policy";

export type ResolvedPasscodePolicy = z.output<typeof StoredPasscodePolicy>;

export function passcodePolicy(store: StoreRow, name: string): ResolvedPasscodePolicy {
  const policy = configEntry(store.configuration, "passcodePolicies", name, StoredPasscodePolicy);
  if (!policy) throw new ApiError(ERRORS.policyNotFound, { message: `Passcode policy '${name}' does not exist in the store.` });
  return policy;
}
