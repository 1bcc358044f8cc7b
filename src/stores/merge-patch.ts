import { ownValue } from "./entries";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 7396 JSON Merge Patch: objects merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // Own properties only, defined rather than assigned: `__proto__` or `constructor` from the
    // caller are keys like any other, never the object's prototype or a member of it.
    else Object.defineProperty(result, key, { value: mergePatch(ownValue(result, key), value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
