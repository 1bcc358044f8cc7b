import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { passcodes } from "../../db/schema";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userScope, type UserScope } from "../../users/context";
import { renderUser } from "../../users/render";
import { User, UserParams } from "../../users/schemas";
import { renderPasscode } from "../render";
import { Passcode, PasscodeIdParams, PasscodePolicyParams, UpdatePasscode } from "../schemas";
import { deletePasscode, findPasscode, findPasscodeByPolicy, listPasscodes } from "../storage";
import { PASSCODE_ERRORS } from "../errors";

const base = "/api/identity-store/stores/{storeName}/users/{userId}/passcodes";

async function requirePasscode({ db, state }: UserScope, id: string) {
  const row = await findPasscode(db, state.user.id, id);
  if (!row) throw new ApiError(ERRORS.notFound, { message: "Passcode not found." });
  return row;
}

export const getPasscodeByPolicy = defineUserRoute(
  {
    method: "get",
    path: `${base}/registrations/{policyName}`,
    operationId: "getPasscodeByPolicy",
    tags: ["Passcodes"],
    summary: "Get the user's passcode of a policy",
    scope: "auth",
    request: { params: PasscodePolicyParams },
    responses: { 200: jsonResponse(Passcode, "The passcode (never its salt or verifier).") },
  },
  async (c) => {
    const { db, state } = await userScope(c);
    const row = await findPasscodeByPolicy(db, state.user.id, c.req.valid("param").policyName);
    if (!row) throw new ApiError(ERRORS.notFound, { message: "No passcode for this policy." });
    return c.json(renderPasscode(row), 200);
  },
);

export const listUserPasscodes = defineUserRoute(
  {
    method: "get",
    path: base,
    operationId: "listPasscodes",
    tags: ["Passcodes"],
    summary: "List the user's passcodes",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(z.array(Passcode), "The user's passcodes.") },
  },
  async (c) => {
    const { db, state } = await userScope(c);
    return c.json((await listPasscodes(db, state.user.id)).map(renderPasscode), 200);
  },
);

export const getPasscode = defineUserRoute(
  {
    method: "get",
    path: `${base}/{id}`,
    operationId: "getPasscode",
    tags: ["Passcodes"],
    summary: "Get one of the user's passcodes",
    scope: "auth",
    request: { params: PasscodeIdParams },
    responses: { 200: jsonResponse(Passcode, "The passcode.") },
  },
  async (c) => c.json(renderPasscode(await requirePasscode(await userScope(c), c.req.valid("param").id)), 200),
);

export const updatePasscode = defineUserRoute(
  {
    method: "post",
    path: `${base}/{id}`,
    operationId: "updatePasscode",
    tags: ["Passcodes"],
    summary: "Update a passcode's status or expiration date",
    description: "`status`: ACTIVE or DISABLED; `expirationDtm`: a new expiry, or null for never.",
    scope: "admin",
    request: { params: PasscodeIdParams, body: jsonBody(UpdatePasscode) },
    responses: { 200: jsonResponse(Passcode, "The updated passcode.") },
  },
  async (c) => {
    const scope = await userScope(c);
    const row = await requirePasscode(scope, c.req.valid("param").id);
    const { status, expirationDtm } = c.req.valid("json");
    const changes = {
      ...(status ? { status } : {}),
      ...(expirationDtm !== undefined ? { expiresAt: expirationDtm === null ? null : Date.parse(expirationDtm) } : {}),
      updatedAt: scope.now,
    };
    await scope.db.update(passcodes).set(changes).where(eq(passcodes.id, row.id));
    return c.json(renderPasscode({ ...row, ...changes }), 200);
  },
);

export const deletePasscodeById = defineUserRoute(
  {
    method: "delete",
    path: `${base}/{id}`,
    operationId: "deletePasscode",
    tags: ["Passcodes"],
    summary: "Delete a passcode",
    scope: "admin",
    request: { params: PasscodeIdParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const scope = await userScope(c);
    await deletePasscode(scope.db, (await requirePasscode(scope, c.req.valid("param").id)).id);
    return c.body(null, 204);
  },
);

export const deregisterPasscode = defineUserRoute(
  {
    method: "post",
    path: `${base}/deregistrations/{policyName}`,
    operationId: "deregisterPasscode",
    tags: ["Passcodes"],
    summary: "Deregister the user's passcode of a policy",
    description: "Deletes it. None → 400/2401.",
    scope: "admin",
    request: { params: PasscodePolicyParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const { db, state, now } = await userScope(c);
    const row = await findPasscodeByPolicy(db, state.user.id, c.req.valid("param").policyName);
    if (!row) throw new ApiError(PASSCODE_ERRORS.passcodeNotRegistered);
    await deletePasscode(db, row.id);
    return c.json({ user: await renderUser(db, state, now) }, 200);
  },
);
