import type { z } from "@hono/zod-openapi";

/** A named map of policies in the store configuration, served by the generic policy endpoints. */
export interface PolicyKind {
  /** Path segment: `…/stores/{storeName}/<segment>[/{key}]`. */
  segment: string;
  configKey: string;
  /** Body field that names the entry (`name` for policies, `rpId` for relying-party configs). */
  keyField: "name" | "rpId";
  /** What a key must look like (policy name, or relying-party id). */
  key: z.ZodString;
  schema: z.ZodObject;
  /** How entries are validated inside the configuration (may add derived defaults). */
  stored: z.ZodType;
  tag: string;
}

