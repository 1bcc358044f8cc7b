import type { RouteEntry } from "../../http/route";
import { createUser } from "./create-user";
import { deleteUser } from "./delete-user";
import { getUser } from "./get-user";
import { listUsers } from "./list-users";
import { updateUser } from "./update-user";

export const userRoutes: RouteEntry[] = [...createUser, ...listUsers, ...getUser, ...updateUser, ...deleteUser];
