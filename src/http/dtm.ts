import { z } from "@hono/zod-openapi";

/** Epoch milliseconds → ISO-8601 UTC with milliseconds (the API's `…Dtm` fields). */
export function toDtm(ms: number): string;
export function toDtm(ms: number | null | undefined): string | null;
export function toDtm(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export const Dtm = z.iso.datetime().openapi({ example: "2026-01-31T12:00:00.000Z" });
