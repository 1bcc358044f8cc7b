import { z } from "@hono/zod-openapi";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import { renderUser } from "../../users/render";
import { User, UserParams } from "../../users/schemas";
import { loadUser, userIdOf, writeAndReadView, type UserView } from "../../users/view";
import { PASSCODE_ERRORS } from "../errors";
import { renderPasscode } from "../render";
import { Passcode, PasscodeIdParams, PasscodePolicyParams, UpdatePasscode } from "../schemas";
import { deletePasscodeStatement, deleteUserPasscodeStatement, updatePasscodeStatement } from "../storage";
import { passcodeForPolicy, passcodesOf } from "../summary";

const base = "/api/identity-store/stores/{storeName}/users/{userId}/passcodes";

const passcodeNotFound = () => new ApiError(ERRORS.notFound, { message: "Passcode not found." });

function requirePasscode(view: UserView, id: string) {
  const row = passcodesOf(view).find((passcode) => passcode.id === id);
  if (!row) throw passcodeNotFound();
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
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    const row = passcodeForPolicy(view, c.req.valid("param").policyName);
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
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    return c.json(passcodesOf(view).map(renderPasscode), 200);
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
  async (c) => {
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    return c.json(renderPasscode(requirePasscode(view, c.req.valid("param").id)), 200);
  },
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
    const { db, now } = requestScope(c);
    const { view } = await loadUser(db, c.get("summaries"), userTarget(c), now);
    const row = requirePasscode(view, c.req.valid("param").id);
    const { status, expirationDtm } = c.req.valid("json");
    const changes = {
      ...(status ? { status } : {}),
      ...(expirationDtm !== undefined ? { expiresAt: expirationDtm === null ? null : Date.parse(expirationDtm) } : {}),
      updatedAt: now,
    };
    await updatePasscodeStatement(db, row.id, changes);
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
    const { db } = requestScope(c);
    const [deleted] = await deleteUserPasscodeStatement(db, userIdOf(db, userTarget(c)), c.req.valid("param").id);
    if (!deleted) throw passcodeNotFound();
    return c.body(null, 204);
  },
);

export const deregisterPasscode = defineUserRoute(
  {
    method: "post",
    path: `${base}/deregistrations/{policyName}`,
    operationId: "deregisterPasscode",
    errors: [2401],
    tags: ["Passcodes"],
    summary: "Deregister the user's passcode of a policy",
    description: "Deletes it. None → 400/2401.",
    scope: "admin",
    request: { params: PasscodePolicyParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: jsonResponse(z.object({ user: User }), "The updated user.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const sources = c.get("summaries");
    const { view } = await loadUser(db, sources, userTarget(c), now);
    const row = passcodeForPolicy(view, c.req.valid("param").policyName);
    if (!row) throw new ApiError(PASSCODE_ERRORS.passcodeNotRegistered);
    const updated = await writeAndReadView(db, sources, [deletePasscodeStatement(db, row.id)], view.user.id, now);
    return c.json({ user: renderUser(updated ?? view, sources, now) }, 200);
  },
);
