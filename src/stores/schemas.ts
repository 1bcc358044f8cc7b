import { z } from "@hono/zod-openapi";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { configurationSchema } from "./configuration";
import type { PolicyKind } from "./policy-kinds";

const AttributeSchema = z
  .record(z.string(), z.unknown())
  .nullable()
  .openapi({ description: "JSON Schema (draft-07, 2019-09 or 2020-12) for user `attributes`; null = no validation." });

export const UpdateStore = z
  .object({
    description: z.string().max(1024).nullable().optional(),
    configuration: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        "JSON Merge Patch (RFC 7396) applied to the configuration: objects merge, `null` removes a key (a removed field returns to its default). The result is validated as a whole.",
    }),
    attributeSchema: AttributeSchema.optional().openapi({ description: "Replaces the schema; null removes it." }),
    version: z.number().int().min(1).optional().openapi({ description: "Expected current version; a mismatch → 409/9010." }),
  })
  .strict()
  .openapi("UpdateStore");

const storeFields = {
  id: z.string(),
  name: ResourceName,
  description: z.string().nullable(),
  version: z.number().int().openapi({ description: "Incremented on every change; send it back for compare-and-set." }),
  createdDtm: Dtm,
  lastUpdatedDtm: Dtm,
};

export const StoreSummary = z.object(storeFields).openapi("StoreSummary");

/** The store's schemas for a set of capabilities: the configuration they make up, and the Store resources. */
export function storeModel(kinds: readonly PolicyKind[], sections: Record<string, z.ZodType>) {
  const configuration = configurationSchema(kinds, sections);
  const Store = z.object({ ...storeFields, configuration, attributeSchema: AttributeSchema }).openapi("Store");
  const CreateStore = z
    .object({
      name: ResourceName,
      description: z.string().max(1024).nullable().optional(),
      configuration: configuration.optional(),
      attributeSchema: AttributeSchema.optional(),
    })
    .strict()
    .openapi("CreateStore");
  return { configuration, Store, CreateStore, kinds };
}

export type StoreModel = ReturnType<typeof storeModel>;
