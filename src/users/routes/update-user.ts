import type { BatchItem } from "drizzle-orm/batch";
import { isUniqueViolation } from "../../db/errors";
import { requestScope } from "../../http/context";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { unlockStatements } from "../../locking/statements";
import { mergePatch } from "../../stores/merge-patch";
import { assertAttributesConform } from "../attributes";
import { userTarget } from "../context";
import { renderUser } from "../render";
import { UpdateUser, User, UserParams } from "../schemas";
import { extIdTaken, updateUserStatement } from "../storage";
import { loadUser, writeAndReadView, type UserView } from "../view";

export const updateUser = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}",
    operationId: "updateUser",
    errors: [2200, 9003, 9010],
    tags: ["Users"],
    summary: "Update a user",
    description:
      "Partial update. `status`: ACTIVE (also an admin unlock: clears every failure counter and modality lock), DISABLED or LOCKED (only an admin unlocks). `attributes` is a JSON Merge Patch; the result must conform to the store's attributeSchema (400/2200).",
    scope: "admin",
    request: { params: UserParams, body: jsonBody(UpdateUser) },
    responses: { 200: jsonResponse(User, "The updated user.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const sources = c.get("summaries");
    const { store, view } = await loadUser(db, sources, userTarget(c), now);
    const { extId, status, attributes, summaryInfo: _ignored, ...profile } = c.req.valid("json");
    const { user } = view;
    if (attributes !== undefined) assertAttributesConform(store, mergePatch(user.attributes, attributes));

    const changes = { extId, status, profile, attributesPatch: attributes };
    const writes: BatchItem<"sqlite">[] = [updateUserStatement(db, user.id, changes, now), ...(status === "ACTIVE" ? unlockStatements(db, user.id) : [])];
    let updated: UserView | undefined;
    try {
      updated = await writeAndReadView(db, sources, writes, user.id, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw extIdTaken();
      throw error;
    }
    return c.json(renderUser(updated ?? view, sources, now), 200);
  },
);
