import { z } from "@hono/zod-openapi";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { ResourceName } from "../../http/names";
import { defineRoute, jsonBody, jsonResponse, type RouteEntry } from "../../http/route";
import type { Configuration } from "../configuration";
import { ownValue } from "../entries";
import { mergePatch } from "../merge-patch";
import { mutateConfiguration } from "../mutate";
import type { PolicyKind } from "../policy-kinds";
import { renderStore, storeConfiguration } from "../render";
import type { StoreModel } from "../schemas";
import { requireStore } from "../storage";

type PolicyMap = Record<string, Record<string, unknown>>;

function policyMap(configuration: Configuration, kind: PolicyKind): PolicyMap {
  return ((configuration as Record<string, unknown>)[kind.configKey] ?? {}) as PolicyMap;
}

function withEntry(configuration: Configuration, kind: PolicyKind, key: string, entry: unknown): Configuration {
  const entries = { ...policyMap(configuration, kind) };
  if (entry === undefined) delete entries[key];
  else entries[key] = entry as Record<string, unknown>;
  return { ...configuration, [kind.configKey]: entries };
}

function requireEntry(configuration: Configuration, kind: PolicyKind, key: string): Record<string, unknown> {
  const entry = ownValue(policyMap(configuration, kind), key) as Record<string, unknown> | undefined;
  if (!entry) throw new ApiError(ERRORS.notFound, { message: `${kind.segment} '${key}' not found.` });
  return entry;
}

/** Create / get / update / delete one named entry of a configuration map; mutations return the Store. */
export function policyRoutes(model: StoreModel, kind: PolicyKind): RouteEntry[] {
  const base = `/api/identity-store/stores/{storeName}/${kind.segment}`;
  const param = kind.keyField === "name" ? "policyName" : "rpId";
  const KeyedParams = z.object({ storeName: ResourceName, [param]: kind.key }).strict();
  const item = `${base}/{${param}}`;
  const keyOf = (params: object) => (params as Record<string, string>)[param] as string;
  const Keyed = kind.schema.extend({ [kind.keyField]: kind.key });
  const entryResponse = kind.schema.extend({ [kind.keyField]: z.string() });

  return [
    ...defineRoute(
      {
        method: "post",
        path: base,
        operationId: `create${kind.segment}`,
        errors: [9003, 9010, ...(kind.secrets?.errors ?? [])],
        tags: [kind.tag],
        summary: `Create a ${kind.segment}`,
        description: `Body: the entry with its \`${kind.keyField}\`. Returns the whole Store. An existing ${kind.keyField} → 409/9003.`,
        scope: "admin",
        request: { params: z.object({ storeName: ResourceName }).strict(), body: jsonBody(Keyed) },
        responses: { 201: jsonResponse(model.Store, "The updated store.") },
      },
      async (c) => {
        const { db, caller, now, env } = requestScope(c);
        const { [kind.keyField]: key, ...entry } = (await c.req.json()) as Record<string, unknown>;
        const store = await mutateConfiguration(model, db, caller.tenant, c.req.valid("param").storeName, now, env.DATA_ENCRYPTION_KEY, (configuration) => {
          if (ownValue(policyMap(configuration, kind), key as string) !== undefined) {
            throw new ApiError(ERRORS.conflict, { message: `${kind.segment} '${String(key)}' already exists.` });
          }
          return withEntry(configuration, kind, key as string, entry);
        });
        return c.json(renderStore(model, store), 201);
      },
    ),
    ...defineRoute(
      {
        method: "get",
        path: item,
        operationId: `get${kind.segment}`,
        tags: [kind.tag],
        summary: `Get a ${kind.segment}`,
        scope: "auth",
        request: { params: KeyedParams },
        responses: { 200: jsonResponse(entryResponse, "The entry, with its defaults filled in.") },
      },
      async (c) => {
        const { db, caller } = requestScope(c);
        const params = c.req.valid("param");
        const { storeName } = params as { storeName: string };
        const key = keyOf(params);
        const configuration = storeConfiguration(model, await requireStore(db, caller.tenant, storeName));
        const entry = requireEntry(configuration, kind, key);
        return c.json({ [kind.keyField]: key, ...(kind.secrets ? kind.secrets.shown(entry) : entry) } as never, 200);
      },
    ),
    ...defineRoute(
      {
        method: "post",
        path: item,
        operationId: `update${kind.segment}`,
        errors: [9010, ...(kind.secrets?.errors ?? [])],
        tags: [kind.tag],
        summary: `Update a ${kind.segment}`,
        description: "Partial update (JSON Merge Patch of the entry). Returns the whole Store.",
        scope: "admin",
        request: { params: KeyedParams, body: jsonBody(kind.schema.partial()) },
        responses: { 200: jsonResponse(model.Store, "The updated store.") },
      },
      async (c) => {
        const { db, caller, now, env } = requestScope(c);
        const params = c.req.valid("param");
        const { storeName } = params as { storeName: string };
        const key = keyOf(params);
        const patch = await c.req.json();
        const store = await mutateConfiguration(model, db, caller.tenant, storeName, now, env.DATA_ENCRYPTION_KEY, (configuration) =>
          withEntry(configuration, kind, key, mergePatch(requireEntry(configuration, kind, key), patch)),
        );
        return c.json(renderStore(model, store), 200);
      },
    ),
    ...defineRoute(
      {
        method: "delete",
        path: item,
        operationId: `delete${kind.segment}`,
        errors: [9010],
        tags: [kind.tag],
        summary: `Delete a ${kind.segment}`,
        description: "Credentials registered under it stay, but ceremonies naming it answer 400/2201 until it exists again. Returns the whole Store.",
        scope: "admin",
        request: { params: KeyedParams },
        responses: { 200: jsonResponse(model.Store, "The updated store.") },
      },
      async (c) => {
        const { db, caller, now, env } = requestScope(c);
        const params = c.req.valid("param");
        const { storeName } = params as { storeName: string };
        const key = keyOf(params);
        const store = await mutateConfiguration(model, db, caller.tenant, storeName, now, env.DATA_ENCRYPTION_KEY, (configuration) => {
          requireEntry(configuration, kind, key);
          return withEntry(configuration, kind, key, undefined);
        });
        return c.json(renderStore(model, store), 200);
      },
    ),
  ];
}
