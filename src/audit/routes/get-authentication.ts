import { z } from "@hono/zod-openapi";
import { ApiError } from "../../http/errors";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { userScope } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { renderAudit } from "../render";
import { AuditRecord } from "../schemas";
import { findAudit } from "../storage";

export const getAuthentication = defineUserRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/authentications/{id}",
    operationId: "getAuthentication",
    tags: ["Audit"],
    summary: "Get one authentication audit record",
    scope: "auth",
    request: { params: UserParams.extend({ id: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(AuditRecord, "The audit record.") },
  },
  async (c) => {
    const { db, store, state } = await userScope(c);
    const row = await findAudit(db, store.id, state.user.id, c.req.valid("param").id);
    if (!row) throw new ApiError("notFound", { message: "Authentication record not found." });
    return c.json(renderAudit(row), 200);
  },
);
