import { ApiError, ERRORS } from "../../http/errors";
import { defineUserRoute } from "../../http/route";
import { requestScope } from "../../http/context";
import { userTarget } from "../context";
import { UserParams } from "../schemas";
import { deleteUserStatement } from "../storage";
import { userIdOf } from "../view";

export const deleteUser = defineUserRoute(
  {
    method: "delete",
    path: "/api/identity-store/stores/{storeName}/users/{userId}",
    operationId: "deleteUser",
    tags: ["Users"],
    summary: "Delete a user",
    description: "Deletes the user with every credential, template and lock in one statement (foreign-key cascade). Audit records stay.",
    scope: "admin",
    request: { params: UserParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const { db } = requestScope(c);
    const [deleted] = await deleteUserStatement(db, userIdOf(db, userTarget(c)));
    if (!deleted) throw new ApiError(ERRORS.notFound, { message: "User not found." });
    return c.body(null, 204);
  },
);
