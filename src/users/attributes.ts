import type { Schema } from "@cfworker/json-schema";
import { ApiError, ERRORS } from "../http/errors";
import { attributeProblems } from "../stores/attribute-schema";
import type { StoreRow } from "../stores/storage";

/** 400/2200 with the validator's errors when `attributes` do not conform to the store's schema. */
export function assertAttributesConform(store: StoreRow, attributes: unknown): void {
  if (!store.attributeSchema) return;
  const details = attributeProblems(`${store.id}:${store.version}`, store.attributeSchema as Schema, attributes);
  if (details.length > 0) throw new ApiError(ERRORS.attributesInvalid, { details });
}
