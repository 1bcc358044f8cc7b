import { z } from "@hono/zod-openapi";

/** Store and policy names: 1–20 letters, digits or hyphens (seed rule, applied everywhere). */
export const ResourceName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/, "1–20 letters, digits or hyphens")
  .openapi({ example: "retail" });

export const StoreParams = z.object({ storeName: ResourceName }).strict();
