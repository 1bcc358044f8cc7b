import { z } from "@hono/zod-openapi";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { StoreParams } from "../../http/names";
import type { StoreModel } from "../schemas";
import { defineRoute } from "../../http/route";
import { deleteStore as removeStore, requireStore, storeHasUsers } from "../storage";

const DeleteQuery = z
  .object({
    force: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true")
      .openapi({ description: "Delete the store with all its users, credentials and audit records." }),
  })
  .strict();

export const deleteStore = (_model: StoreModel) =>
  defineRoute(
  {
    method: "delete",
    path: "/api/identity-store/stores/{storeName}",
    operationId: "deleteStore",
    errors: [9003],
    tags: ["Stores"],
    summary: "Delete a store",
    description: "Refused with 409/9003 while the store has users, unless `force=true`.",
    scope: "admin",
    request: { params: StoreParams, query: DeleteQuery },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const { db, caller } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    if (!c.req.valid("query").force && (await storeHasUsers(db, store.id))) {
      throw new ApiError(ERRORS.conflict, { message: "The store has users; delete them first or use force=true." });
    }
    await removeStore(db, store.id);
    return c.body(null, 204);
  },
);
