import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { StoreParams } from "../../http/names";
import { defineRoute, defineUserRoute, jsonResponse } from "../../http/route";
import { requireStore } from "../../stores/storage";
import { userTarget } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { loadUser, storeIdOf, userIdOf } from "../../users/view";
import { renderPush } from "../render";
import { Push, UserPushParams } from "../schemas";
import { pushQueries, userPushesQueries, type DeliveryRow, type PushRow } from "../storage";

const S = "/api/identity-store/stores/{storeName}";
const TAGS = ["Push"];

export const listPushRelyingParties = defineRoute(
  {
    method: "get",
    path: `${S}/pushNotifications/relyingParties`,
    operationId: "listPushRelyingParties",
    tags: TAGS,
    summary: "The relying parties with a push notification policy",
    scope: "auth",
    request: { params: StoreParams },
    responses: { 200: jsonResponse(z.array(z.string()), "Their rpIds.") },
  },
  async (c) => {
    const { db, caller } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    const policies = (store.configuration as Record<string, unknown>).pushNotificationPolicies;
    return c.json(Object.keys(policies ?? {}).sort(), 200);
  },
);

export const listUserPushes = defineUserRoute(
  {
    method: "get",
    path: `${S}/users/{userId}/pushNotifications`,
    operationId: "listUserPushNotifications",
    tags: TAGS,
    summary: "The user's pushes: the pending ones and the last 50, newest first",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(z.array(Push), "The pushes (never their matching numbers).") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const target = userTarget(c);
    const loaded = await loadUser(db, [], target, now, { after: userPushesQueries(db, userIdOf(db, target), now) });
    const [rows, deliveries] = loaded.after as [PushRow[], DeliveryRow[]];
    return c.json(rows.map((row) => renderPush(row, deliveries, now)), 200);
  },
);

export const getUserPush = defineUserRoute(
  {
    method: "get",
    path: `${S}/users/{userId}/pushNotifications/{id}`,
    operationId: "getUserPushNotification",
    tags: TAGS,
    summary: "One of the user's pushes (the caller polls it for the answer)",
    description: "Another user's or store's push → 404/9002.",
    scope: "auth",
    request: { params: UserPushParams },
    responses: { 200: jsonResponse(Push, "The push (never its matching number).") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const target = userTarget(c);
    const loaded = await loadUser(db, [], target, now, { after: pushQueries(db, sql`(${storeIdOf(db, target)})`, c.req.valid("param").id) });
    const [[row], deliveries] = loaded.after as [PushRow[], DeliveryRow[]];
    if (!row || row.userId !== loaded.view.user.id) throw new ApiError(ERRORS.notFound, { message: "Push not found." });
    return c.json(renderPush(row, deliveries, now), 200);
  },
);
