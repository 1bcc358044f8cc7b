import { z } from "@hono/zod-openapi";

export const PageQuery = z
  .object({
    page: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({ description: "0-based page number." }),
    size: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: "Page size, 1–100." }),
  })
  .strict();

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      content: z.array(item),
      page: z.number().int(),
      size: z.number().int(),
      totalElements: z.number().int(),
      totalPages: z.number().int(),
    })
    .openapi(name);
}

export function toPage<T>(content: T[], page: number, size: number, totalElements: number) {
  return { content, page, size, totalElements, totalPages: Math.ceil(totalElements / size) };
}
