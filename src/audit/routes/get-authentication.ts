import { z } from "@hono/zod-openapi";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
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
    const { db, now } = requestScope(c);
    const { store, view } = await loadUser(db, [], userTarget(c), now);
    const row = await findAudit(db, store.id, view.user.id, c.req.valid("param").id);
    if (!row) throw new ApiError(ERRORS.notFound, { message: "Authentication record not found." });
    return c.json(renderAudit(row), 200);
  },
);
