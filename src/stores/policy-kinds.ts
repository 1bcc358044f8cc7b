import type { z } from "@hono/zod-openapi";

/** What a policy kind's write hook is given besides the entry. */
export interface EntryWrite {
  storeId: string;
  key: string;
  /** The stored entry before this write (undefined: a new entry). */
  previous: Record<string, unknown> | undefined;
  /** The whole configuration as it will be written (to check references to other sections). */
  configuration: Record<string, unknown>;
  /** Root secret for data at rest (DATA_ENCRYPTION_KEY). */
  rootSecret: string;
}

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
  /**
   * Entries holding secrets: `written` runs on every new or changed entry, whichever endpoint wrote
   * it, and returns what is stored (secrets checked and sealed); `shown` is what responses show.
   */
  secrets?: {
    written(entry: Record<string, unknown>, write: EntryWrite): Promise<Record<string, unknown>>;
    shown(entry: Record<string, unknown>): Record<string, unknown>;
    /** Codes `written` answers besides validation (declared by every route that writes the configuration). */
    errors: readonly number[];
  };
}
