// User operations. An operation is a plain object (see bench/run.mjs for the full contract):
//   name         unique; `npm run bench -- --only <name>` runs just this one
//   description  one line, shown in the report
//   floor        the floor variant it is compared with (bench/lib/floor.mjs): "noop", "jwt",
//                "jwt-read", "jwt-read-batch" or "jwt-attempt"; optional
//   targets      optional, relative to the floor, printed with "meets"/"below" (never enforced)
//   setup(ctx)   optional; prepares data through ctx.api (fixtures are shared and created once)
//                and returns a state object handed to requests()
//   requests(state, ctx)  the autocannon `requests` array; use setupRequest to vary path/body per
//                request (bench/lib/requests.mjs has rotatePaths and uniqueBody)
// Every module in bench/operations/ is loaded (in file-name order) and must export `operations`,
// the array of its operations in the order they run. Add TOTP, SRP or passkey operations as new
// files next to this one (e.g. bench/operations/totp.mjs).
import { ensureUsers, STORE_PATH } from "../lib/fixtures.mjs";
import { rotatePaths, uniqueBody } from "../lib/requests.mjs";

export const getUser = {
  name: "users.get",
  description: "GET /stores/bench/users/{userId}, rotating over the set-up users",
  floor: "jwt-read",
  // Issue 9: a user read close to the cost of one D1 read.
  targets: [
    { minRatio: 0.7, when: "c>1", note: "set at c=16" },
    { maxP50DiffMs: 1.5, when: "c=1" },
  ],
  async setup(ctx) {
    const users = await ensureUsers(ctx);
    return { paths: users.map((user) => `${STORE_PATH}/users/${encodeURIComponent(user.id)}`) };
  },
  requests: (state) => [{ method: "GET", setupRequest: rotatePaths(state.paths) }],
};

export const getUserByExtId = {
  name: "users.get-ext",
  description: "GET /stores/bench/users/{extId}/ext, rotating over the set-up users",
  floor: "jwt-read",
  async setup(ctx) {
    const users = await ensureUsers(ctx);
    return { paths: users.map((user) => `${STORE_PATH}/users/${encodeURIComponent(user.extId)}/ext`) };
  },
  requests: (state) => [{ method: "GET", setupRequest: rotatePaths(state.paths) }],
};

export const createUser = {
  name: "users.create",
  description: "POST /stores/bench/users with a unique extId per request",
  floor: "jwt-read-batch",
  async setup(ctx) {
    await ensureUsers(ctx); // same store, same starting size as the reads saw
    return {};
  },
  requests: (_state, ctx) => [
    {
      method: "POST",
      path: `${STORE_PATH}/users`,
      setupRequest: uniqueBody((n) => ({
        extId: `c-${ctx.runId}-${n}`,
        firstName: "Load",
        lastName: `Test${n}`,
        email: `c-${n}@bench.example`,
      })),
    },
  ],
};

/** Reads first (they see exactly the set-up users), then creation, which grows the store. */
export const operations = [getUser, getUserByExtId, createUser];
