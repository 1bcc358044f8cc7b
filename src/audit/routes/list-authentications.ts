import { PageQuery, pageSchema, toPage } from "../../http/page";
import { defineUserRoute, jsonResponse } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
import { UserParams } from "../../users/schemas";
import { renderAudit } from "../render";
import { AuditListQuery, AuditRecord } from "../schemas";
import { listAudits } from "../storage";

export const listAuthentications = defineUserRoute(
  {
    method: "get",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/authentications",
    operationId: "listAuthentications",
    tags: ["Audit"],
    summary: "List a user's authentication audit records",
    description: "Newest first. Filters: `type`, `result`, `from` (inclusive), `to` (exclusive).",
    scope: "auth",
    request: { params: UserParams, query: PageQuery.extend(AuditListQuery.shape) },
    responses: { 200: jsonResponse(pageSchema(AuditRecord, "AuthenticationAuditPage"), "A page of audit records.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const { store, view } = await loadUser(db, [], userTarget(c), now);
    const { page, size, type, result, from, to } = c.req.valid("query");
    const filter = { type, result, from: from ? Date.parse(from) : undefined, to: to ? Date.parse(to) : undefined };
    const { rows, total } = await listAudits(db, store.id, view.user.id, filter, page, size);
    return c.json(toPage(rows.map(renderAudit), page, size, total), 200);
  },
);
