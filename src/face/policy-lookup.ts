import { ApiError, ERRORS } from "../http/errors";
import { configEntry } from "../stores/entries";
import type { StoreRow } from "../stores/storage";
import { FacePolicy } from "./policy";

/** The named face policy; `default` exists for every store even when the map lacks it. */
export function facePolicy(store: StoreRow, name = "default"): FacePolicy {
  const policy = configEntry(store.configuration, "facePolicies", name, FacePolicy);
  if (policy) return policy;
  if (name === "default") return FacePolicy.parse({});
  throw new ApiError(ERRORS.policyNotFound, { message: `Face policy '${name}' does not exist in the store.` });
}
