import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { unlockStatements } from "../../locking/statements";
import { mergePatch } from "../../stores/merge-patch";
import { assertAttributesConform } from "../attributes";
import { userScope } from "../context";
import { renderUser } from "../render";
import { UpdateUser, User, UserParams } from "../schemas";
import { isUniqueViolation } from "../../db/errors";
import { extIdTaken, requireUserState, type UserProfile } from "../storage";

export const updateUser = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}",
    operationId: "updateUser",
    tags: ["Users"],
    summary: "Update a user",
    description:
      "Partial update. `status`: ACTIVE (also an admin unlock: clears every failure counter and modality lock), DISABLED or LOCKED (only an admin unlocks). `attributes` is a JSON Merge Patch; the result must conform to the store's attributeSchema (400/2200).",
    scope: "admin",
    request: { params: UserParams, body: jsonBody(UpdateUser) },
    responses: { 200: jsonResponse(User, "The updated user.") },
  },
  async (c) => {
    const { db, store, state, now } = await userScope(c);
    const { extId, status, attributes, summaryInfo: _ignored, ...profile } = c.req.valid("json");
    const { user } = state;
    const nextAttributes = attributes === undefined ? user.attributes : mergePatch(user.attributes, attributes);
    if (attributes !== undefined) assertAttributesConform(store, nextAttributes);

    const update = db
      .update(users)
      .set({
        extId: extId ?? user.extId,
        status: status ?? user.status,
        ...(status === "LOCKED" || status === "DISABLED" ? { lockedUntil: null } : {}),
        profile: { ...(user.profile as UserProfile), ...profile },
        attributes: nextAttributes,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    try {
      if (status === "ACTIVE") await db.batch([update, ...unlockStatements(db, user.id)]);
      else await update;
    } catch (error) {
      if (isUniqueViolation(error)) throw extIdTaken();
      throw error;
    }
    const updated = await requireUserState(db, store.id, { by: "id", value: user.id });
    return c.json(await renderUser(db, updated, now), 200);
  },
);
