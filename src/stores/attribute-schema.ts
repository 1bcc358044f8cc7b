import { Validator, type Schema, type SchemaDraft } from "@cfworker/json-schema";
import draft07 from "ajv/lib/refs/json-schema-draft-07.json";
import type { ErrorDetail } from "../http/errors";

const DRAFTS: Record<string, SchemaDraft> = {
  "http://json-schema.org/draft-07/schema": "7",
  "https://json-schema.org/draft/2019-09/schema": "2019-09",
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
};

const metaValidator = new Validator(draft07 as Schema, "7", false);

/** The draft named by `$schema` (drafts 7, 2019-09, 2020-12; 2020-12 when absent), or null if unsupported. */
export function schemaDraft(schema: Schema): SchemaDraft | null {
  const uri = schema.$schema;
  if (uri === undefined) return "2020-12";
  return DRAFTS[String(uri).replace(/#$/, "")] ?? null;
}

const IMPLIED_BY_NESTED = new Set(["properties", "allOf", "$ref", "items", "additionalProperties"]);

/** Validator output → API details; keywords that only repeat a nested failure are left out. */
function toDetails(errors: { instanceLocation: string; keyword: string; error: string }[], root: string): ErrorDetail[] {
  const specific = errors.filter((e) => !IMPLIED_BY_NESTED.has(e.keyword));
  return (specific.length > 0 ? specific : errors).map((e) => {
    const location = e.instanceLocation.replace(/^#\/?/, "").replaceAll("/", ".");
    return { path: location ? `${root}.${location}` : root, message: e.error };
  });
}

/**
 * Checks that `schema` is itself a JSON Schema: an object of a supported draft whose keywords
 * have the shapes the draft-07 meta-schema requires (the keywords drafts 2019-09 and 2020-12
 * add are objects/arrays of subschemas and pass through), and that a validator can be built.
 */
export function attributeSchemaProblems(schema: unknown): ErrorDetail[] {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return [{ path: "attributeSchema", message: "must be a JSON Schema object or null" }];
  }
  const draft = schemaDraft(schema as Schema);
  if (!draft) return [{ path: "attributeSchema.$schema", message: "unsupported draft: use draft-07, 2019-09 or 2020-12" }];
  const result = metaValidator.validate(schema);
  if (!result.valid) return toDetails(result.errors, "attributeSchema");
  try {
    new Validator(schema as Schema, draft).validate({});
  } catch (error) {
    return [{ path: "attributeSchema", message: `unusable schema: ${error instanceof Error ? error.message : String(error)}` }];
  }
  return [];
}

const validators = new Map<string, Validator>();

/** Validates user attributes against a store's schema; validators are cached per store version. */
export function attributeProblems(cacheKey: string, schema: Schema, attributes: unknown): ErrorDetail[] {
  let validator = validators.get(cacheKey);
  if (!validator) {
    validator = new Validator(schema, schemaDraft(schema) ?? "2020-12", false);
    if (validators.size > 256) validators.clear();
    validators.set(cacheKey, validator);
  }
  const result = validator.validate(attributes);
  return result.valid ? [] : toDetails(result.errors, "attributes");
}
