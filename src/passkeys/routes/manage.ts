import { z } from "@hono/zod-openapi";
import { renderAudit } from "../../audit/render";
import { AuditRecord } from "../../audit/schemas";
import { findRegistrationAudit } from "../../audit/storage";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { loadUser, type LoadedUser } from "../../users/view";
import { renderPasskey } from "../render";
import { Passkey, PasskeyIdParams, UpdatePasskey } from "../schemas";
import { deletePasskeyStatement, updatePasskeyStatement, type PasskeyRow } from "../storage";
import { passkeySummary } from "../summary";

const base = "/api/identity-store/stores/{storeName}/users/{userId}/passkeys";

/** The user's passkeys, from the one batch that reads the user (404/9002 for a store or user not the caller's). */
const passkeysOf = ({ view }: LoadedUser) => (view.credentials.passkeys ?? []) as PasskeyRow[];

function requirePasskey(loaded: LoadedUser, id: string): PasskeyRow {
  const row = passkeysOf(loaded).find((p) => p.id === id);
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
    const { db, now } = requestScope(c);
    return c.json(passkeysOf(await loadUser(db, [passkeySummary], userTarget(c), now)).map(renderPasskey), 200);
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
  async (c) => {
    const { db, now } = requestScope(c);
    return c.json(renderPasskey(requirePasskey(await loadUser(db, [passkeySummary], userTarget(c), now), c.req.valid("param").id)), 200);
  },
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
    const { db, now } = requestScope(c);
    const row = requirePasskey(await loadUser(db, [passkeySummary], userTarget(c), now), c.req.valid("param").id);
    const { status, name } = c.req.valid("json");
    const changes = { ...(status ? { status } : {}), ...(name ? { name } : {}) };
    await updatePasskeyStatement(db, row.id, changes, now);
    return c.json(renderPasskey({ ...row, ...changes, updatedAt: now }), 200);
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
    const { db, now } = requestScope(c);
    const row = requirePasskey(await loadUser(db, [passkeySummary], userTarget(c), now), c.req.valid("param").id);
    await deletePasskeyStatement(db, row.id);
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
    const { db, now } = requestScope(c);
    const loaded = await loadUser(db, [passkeySummary], userTarget(c), now);
    const row = requirePasskey(loaded, c.req.valid("param").id);
    const audit = await findRegistrationAudit(db, loaded.store.id, loaded.view.user.id, row.id);
    if (!audit) throw new ApiError(ERRORS.notFound, { message: "No registration record." });
    return c.json(renderAudit(audit), 200);
  },
);
