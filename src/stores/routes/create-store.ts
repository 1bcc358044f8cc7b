import { newId } from "../../db/ids";
import { requestScope } from "../../http/context";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { renderStore } from "../render";
import type { StoreModel } from "../schemas";
import { sealSecrets, secretErrors } from "../secrets";
import { insertStore } from "../storage";
import { validAttributeSchema, validConfiguration } from "../validate";

export const createStore = (model: StoreModel) =>
  defineRoute(
  {
    method: "post",
    path: "/api/identity-store/stores",
    operationId: "createStore",
    errors: [9003, ...secretErrors(model)],
    tags: ["Stores"],
    summary: "Create a store",
    description: "Every configuration field has a default, so `{ \"name\": \"retail\" }` creates a working store. A name taken in the tenant → 409/9003.",
    scope: "admin",
    request: { body: jsonBody(model.CreateStore) },
    responses: { 201: jsonResponse(model.Store, "The created store.") },
  },
  async (c) => {
    const { db, caller, now, env } = requestScope(c);
    const body = c.req.valid("json");
    const id = newId(now);
    const row = {
      id,
      tenant: caller.tenant,
      name: body.name,
      description: body.description ?? null,
      configuration: await sealSecrets(model, validConfiguration(model, body.configuration), undefined, { storeId: id, rootSecret: env.DATA_ENCRYPTION_KEY }),
      attributeSchema: validAttributeSchema(body.attributeSchema),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await insertStore(db, row);
    return c.json(renderStore(model, row), 201);
  },
);
