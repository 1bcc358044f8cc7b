import { newId } from "../../db/ids";
import { requestScope } from "../../http/context";
import { StoreParams } from "../../http/names";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { storeConfiguration } from "../../stores/render";
import { requireStore } from "../../stores/storage";
import { assertAttributesConform } from "../attributes";
import { renderUser } from "../render";
import { CreateUser, User } from "../schemas";
import { insertUser } from "../storage";

export const createUser = defineRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users",
    operationId: "createUser",
    tags: ["Users"],
    summary: "Create a user",
    description: "`extId` is required and unique in the store (409/9003). Status, locale and timezone default from the store configuration. `attributes` must conform to the store's attributeSchema (400/2200).",
    scope: "admin",
    request: { params: StoreParams, body: jsonBody(CreateUser) },
    responses: { 201: jsonResponse(User, "The created user.") },
  },
  async (c) => {
    const { db, caller, now } = requestScope(c);
    const store = await requireStore(db, caller.tenant, c.req.valid("param").storeName);
    const { extId, status, attributes = {}, summaryInfo: _ignored, ...profile } = c.req.valid("json");
    const configuration = storeConfiguration(store);
    assertAttributesConform(store, attributes);
    const user = {
      id: newId(now),
      storeId: store.id,
      extId,
      status: status ?? configuration.defaultUserStatus,
      profile: { locale: configuration.defaultLocale, timezone: configuration.defaultTimezone, ...profile },
      attributes,
      failedAttempts: 0,
      tempLockCount: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
      lastAuthenticatedAt: null,
    };
    await insertUser(db, user);
    return c.json(await renderUser(db, { user, modalities: [] }, now), 201);
  },
);
