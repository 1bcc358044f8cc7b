import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { requestScope } from "../../http/context";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
import { renderTotp } from "../render";
import { Totp, TotpIdParams, UpdateTotp } from "../schemas";
import { deleteTotpStatement, setTotpStatusStatement, totpById } from "../storage";
import { TOTP_ERRORS } from "../errors";

const path = "/api/identity-store/stores/{storeName}/users/{userId}/totps/{id}";

/** One read batch: the store, the user and their TOTPs; 404 when the TOTP is not the user's. */
async function requireTotp(c: Context<AppEnv>, id: string) {
  const scope = requestScope(c);
  const { view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
  const row = totpById(view, id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "TOTP not found." });
  return { scope, row };
}

export const getTotp = defineUserRoute(
  {
    method: "get",
    path,
    operationId: "getTotp",
    tags: ["TOTP"],
    summary: "Get one of the user's TOTPs",
    scope: "auth",
    request: { params: TotpIdParams },
    responses: { 200: jsonResponse(Totp, "The TOTP.") },
  },
  async (c) => c.json(renderTotp((await requireTotp(c, c.req.valid("param").id)).row), 200),
);

export const updateTotp = defineUserRoute(
  {
    method: "post",
    path,
    operationId: "updateTotp",
    errors: [2302],
    tags: ["TOTP"],
    summary: "Enable or disable a TOTP",
    description: "`ACTIVE` or `DISABLED`. A PENDING TOTP becomes ACTIVE only by completing its registration (400/2302).",
    scope: "admin",
    request: { params: TotpIdParams, body: jsonBody(UpdateTotp) },
    responses: { 200: jsonResponse(Totp, "The updated TOTP.") },
  },
  async (c) => {
    const { scope, row } = await requireTotp(c, c.req.valid("param").id);
    const { status } = c.req.valid("json");
    if (row.status === "PENDING" && status === "ACTIVE") throw new ApiError(TOTP_ERRORS.totpNotActive, { message: "Complete the registration to activate this TOTP." });
    const [updated] = await setTotpStatusStatement(scope.db, row.id, status, scope.now);
    return c.json(renderTotp(updated ?? row), 200);
  },
);

export const deleteTotp = defineUserRoute(
  {
    method: "delete",
    path,
    operationId: "deleteTotp",
    tags: ["TOTP"],
    summary: "Delete a TOTP",
    scope: "admin",
    request: { params: TotpIdParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const { scope, row } = await requireTotp(c, c.req.valid("param").id);
    await deleteTotpStatement(scope.db, row.id);
    return c.body(null, 204);
  },
);
