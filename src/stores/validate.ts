import type { z } from "@hono/zod-openapi";
import { ApiError, zodIssuesToDetails, ERRORS } from "../http/errors";
import { attributeSchemaProblems } from "./attribute-schema";
import type { Configuration } from "./configuration";
import type { StoreModel } from "./schemas";

/** Parses with `schema`, or throws 400/9001 with every problem, paths rooted at `root`. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, root: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = zodIssuesToDetails(result.error.issues).map((d) => ({ ...d, path: d.path ? `${root}.${d.path}` : root }));
  throw new ApiError(ERRORS.validation, { details });
}

export function validConfiguration(model: StoreModel, value: unknown): Configuration {
  return parseOrThrow(model.configuration, value ?? {}, "configuration") as Configuration;
}

export function validAttributeSchema(schema: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (schema === null || schema === undefined) return null;
  const details = attributeSchemaProblems(schema);
  if (details.length > 0) throw new ApiError(ERRORS.validation, { message: "attributeSchema is not a valid JSON Schema.", details });
  return schema;
}
