import type { z } from "@hono/zod-openapi";

/**
 * `object[key]` when it is the object's own property, else undefined: a caller-chosen name such as
 * `constructor` or `toString` never finds a member of Object.prototype.
 */
export function ownValue(object: unknown, key: string): unknown {
  if (object === null || typeof object !== "object" || !Object.hasOwn(object, key)) return undefined;
  return (object as Record<string, unknown>)[key];
}

/** One entry of a named map of the stored configuration, parsed with its schema (defaults filled), or undefined. */
export function configEntry<T extends z.ZodType>(configuration: unknown, mapKey: string, entryKey: string, schema: T): z.output<T> | undefined {
  const entry = ownValue(ownValue(configuration, mapKey), entryKey);
  return entry === undefined ? undefined : schema.parse(entry);
}
