import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { renderAudit } from "../../audit/render";
import { AuditRecord } from "../../audit/schemas";
import { findRegistrationAudit } from "../../audit/storage";
import { passkeys } from "../../db/schema";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userScope, type UserScope } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { renderPasskey } from "../render";
import { Passkey, PasskeyIdParams, UpdatePasskey } from "../schemas";
import { findPasskey, listPasskeys } from "../storage";

const base = "/api/identity-store/stores/{storeName}/users/{userId}/passkeys";

async function requirePasskey({ db, state }: UserScope, id: string) {
  const row = await findPasskey(db, state.user.id, id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "Passkey not found." });
  return row;
}

export const listUserPasskeys = defineUserRoute(
  {
    method: "get",
    path: base,
    operationId: "listPasskeys",
    tags: ["Passkeys"],
    summary: "List the user's passkeys",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(z.array(Passkey), "The user's passkeys.") },
  },
  async (c) => {
    const { db, state } = await userScope(c);
    return c.json((await listPasskeys(db, state.user.id)).map(renderPasskey), 200);
  },
);

export const getPasskey = defineUserRoute(
  {
    method: "get",
    path: `${base}/{id}`,
    operationId: "getPasskey",
    tags: ["Passkeys"],
    summary: "Get one of the user's passkeys",
    scope: "auth",
    request: { params: PasskeyIdParams },
    responses: { 200: jsonResponse(Passkey, "The passkey.") },
  },
  async (c) => c.json(renderPasskey(await requirePasskey(await userScope(c), c.req.valid("param").id)), 200),
);

export const updatePasskey = defineUserRoute(
  {
    method: "post",
    path: `${base}/{id}`,
    operationId: "updatePasskey",
    tags: ["Passkeys"],
    summary: "Rename, enable or disable a passkey",
    scope: "admin",
    request: { params: PasskeyIdParams, body: jsonBody(UpdatePasskey) },
    responses: { 200: jsonResponse(Passkey, "The updated passkey.") },
  },
  async (c) => {
    const scope = await userScope(c);
    const row = await requirePasskey(scope, c.req.valid("param").id);
    const { status, name } = c.req.valid("json");
    const changes = { ...(status ? { status } : {}), ...(name ? { name } : {}), updatedAt: scope.now };
    await scope.db.update(passkeys).set(changes).where(eq(passkeys.id, row.id));
    return c.json(renderPasskey({ ...row, ...changes }), 200);
  },
);

export const deletePasskey = defineUserRoute(
  {
    method: "delete",
    path: `${base}/{id}`,
    operationId: "deletePasskey",
    tags: ["Passkeys"],
    summary: "Delete a passkey",
    scope: "admin",
    request: { params: PasskeyIdParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const scope = await userScope(c);
    const row = await requirePasskey(scope, c.req.valid("param").id);
    await scope.db.delete(passkeys).where(eq(passkeys.id, row.id));
    return c.body(null, 204);
  },
);

export const passkeyRegistrationAudit = defineUserRoute(
  {
    method: "get",
    path: `${base}/{id}/registrationAudit`,
    operationId: "getPasskeyRegistrationAudit",
    tags: ["Passkeys", "Audit"],
    summary: "The registration audit record of a passkey",
    scope: "auth",
    request: { params: PasskeyIdParams },
    responses: { 200: jsonResponse(AuditRecord, "The REGISTRATION audit record.") },
  },
  async (c) => {
    const scope = await userScope(c);
    const row = await requirePasskey(scope, c.req.valid("param").id);
    const audit = await findRegistrationAudit(scope.db, scope.store.id, scope.state.user.id, row.id);
    if (!audit) throw new ApiError(ERRORS.notFound, { message: "No registration record." });
    return c.json(renderAudit(audit), 200);
  },
);
