import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { StoreParams } from "../../http/names";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { mergePatch } from "../merge-patch";
import { renderStore, storeConfiguration } from "../render";
import { UpdateStore, type StoreModel } from "../schemas";
import { sealSecrets, secretErrors } from "../secrets";
import { requireStore, updateStore as writeStore } from "../storage";
import { validAttributeSchema, validConfiguration } from "../validate";

export const updateStore = (model: StoreModel) =>
  defineRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}",
    operationId: "updateStore",
    errors: [9010, ...secretErrors(model)],
    tags: ["Stores"],
    summary: "Update a store",
    description:
      "Partial update: `description`, `configuration` (JSON Merge Patch) and/or `attributeSchema`. With `version`, the update only applies to that version (else 409/9010); without it, it applies to the version read.",
    scope: "admin",
    request: { params: StoreParams, body: jsonBody(UpdateStore) },
    responses: { 200: jsonResponse(model.Store, "The updated store.") },
  },
  async (c) => {
    const { db, caller, now, env } = requestScope(c);
    const body = c.req.valid("json");
    const current = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    if (body.version !== undefined && body.version !== current.version) throw new ApiError(ERRORS.concurrentModification);
    const updated = await writeStore(
      db,
      current,
      {
        description: body.description === undefined ? current.description : body.description,
        configuration:
          body.configuration === undefined
            ? storeConfiguration(model, current)
            : await sealSecrets(model, validConfiguration(model, mergePatch(storeConfiguration(model, current), body.configuration)), storeConfiguration(model, current), {
                storeId: current.id,
                rootSecret: env.DATA_ENCRYPTION_KEY,
              }),
        attributeSchema: body.attributeSchema === undefined ? current.attributeSchema : validAttributeSchema(body.attributeSchema),
      },
      now,
    );
    return c.json(renderStore(model, updated), 200);
  },
);
