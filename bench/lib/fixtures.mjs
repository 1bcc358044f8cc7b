// Shared set-up data, created once per run and reused by every operation that asks for it.
import { API, inParallel } from "./api.mjs";

export const STORE = "bench";
export const STORE_PATH = `${API}/stores/${STORE}`;

/** The benchmark store (POST /stores {"name":"bench"}); created on first use. */
export function ensureStore(ctx) {
  ctx.cache.store ??= ctx.api.post(`${API}/stores`, { name: STORE });
  return ctx.cache.store;
}

/**
 * `ctx.options.users` users u-0 … u-(N-1) in the bench store; created on first use.
 * Resolves to the created User objects (with their server ids).
 */
export function ensureUsers(ctx) {
  ctx.cache.users ??= (async () => {
    await ensureStore(ctx);
    const count = ctx.options.users;
    const started = Date.now();
    const users = await inParallel(count, 8, (i) =>
      ctx.api.post(`${STORE_PATH}/users`, {
        extId: `u-${i}`,
        firstName: `Bench${i}`,
        lastName: "User",
        email: `u-${i}@bench.example`,
      }),
    );
    ctx.log(`created ${count} users in ${Date.now() - started} ms`);
    return users;
  })();
  return ctx.cache.users;
}
