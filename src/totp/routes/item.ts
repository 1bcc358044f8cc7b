import { eq } from "drizzle-orm";
import { totps } from "../../db/schema";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import type { UserScope } from "../../users/context";
import { userScope } from "../../users/context";
import { renderTotp } from "../render";
import { Totp, TotpIdParams, UpdateTotp } from "../schemas";
import { findTotp } from "../storage";
import { TOTP_ERRORS } from "../errors";

const path = "/api/identity-store/stores/{storeName}/users/{userId}/totps/{id}";

async function requireTotp({ db, state }: UserScope, id: string) {
  const row = await findTotp(db, state.user.id, id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "TOTP not found." });
  return row;
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
  async (c) => c.json(renderTotp(await requireTotp(await userScope(c), c.req.valid("param").id)), 200),
);

export const updateTotp = defineUserRoute(
  {
    method: "post",
    path,
    operationId: "updateTotp",
    tags: ["TOTP"],
    summary: "Enable or disable a TOTP",
    description: "`ACTIVE` or `DISABLED`. A PENDING TOTP becomes ACTIVE only by completing its registration (400/2302).",
    scope: "admin",
    request: { params: TotpIdParams, body: jsonBody(UpdateTotp) },
    responses: { 200: jsonResponse(Totp, "The updated TOTP.") },
  },
  async (c) => {
    const scope = await userScope(c);
    const row = await requireTotp(scope, c.req.valid("param").id);
    const { status } = c.req.valid("json");
    if (row.status === "PENDING" && status === "ACTIVE") throw new ApiError(TOTP_ERRORS.totpNotActive, { message: "Complete the registration to activate this TOTP." });
    const [updated] = await scope.db.update(totps).set({ status, updatedAt: scope.now }).where(eq(totps.id, row.id)).returning();
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
    const scope = await userScope(c);
    const row = await requireTotp(scope, c.req.valid("param").id);
    await scope.db.delete(totps).where(eq(totps.id, row.id));
    return c.body(null, 204);
  },
);
