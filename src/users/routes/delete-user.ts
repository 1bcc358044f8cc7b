import { defineUserRoute } from "../../http/route";
import { userScope } from "../context";
import { UserParams } from "../schemas";
import { deleteUser as removeUser } from "../storage";

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
    const { db, state } = await userScope(c);
    await removeUser(db, state.user.id);
    return c.body(null, 204);
  },
);
