import { z } from "@hono/zod-openapi";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { Configuration } from "./configuration";

const AttributeSchema = z
  .record(z.string(), z.unknown())
  .nullable()
  .openapi({ description: "JSON Schema (draft-07, 2019-09 or 2020-12) for user `attributes`; null = no validation." });

export const Store = z
  .object({
    id: z.string(),
    name: ResourceName,
    description: z.string().nullable(),
    configuration: Configuration,
    attributeSchema: AttributeSchema,
    version: z.number().int().openapi({ description: "Incremented on every change; send it back for compare-and-set." }),
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
  })
  .openapi("Store");

export const CreateStore = z
  .object({
    name: ResourceName,
    description: z.string().max(1024).nullable().optional(),
    configuration: Configuration.optional(),
    attributeSchema: AttributeSchema.optional(),
  })
  .strict()
  .openapi("CreateStore");

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

export const StoreSummary = Store.omit({ configuration: true, attributeSchema: true }).openapi("StoreSummary");
