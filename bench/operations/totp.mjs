// TOTP operations (see bench/run.mjs for the operation contract).
//
// totp.authenticate: every request sends a valid code of a time step that user has not used yet.
// The server refuses a code of a step at or before the last accepted one (2305), so a (user, step)
// pair can be used once: setup enrols many users (TOTP policy `bench`, window 2) and the load
// generator walks round-robin over them, giving each user the next step in now−2 … now+2 (the
// window; computed at request time, the clock moves every 30 s). When no user has a usable step
// left, the request goes to the unknown policy `pool-exhausted` and fails visibly (400) instead of
// reusing a pair; the run then reports non-2xx.
//
// Users: BENCH_TOTP_USERS, default 150 per second of warm-up + measurement (ctx.options.loadSeconds:
// warm-up + rounds × duration; 3300 for the defaults): each user has 4–5 usable steps when measuring starts and one more every 30 s.
import { createHmac } from "node:crypto";
import { inParallel } from "../lib/api.mjs";
import { ensureStore, STORE_PATH } from "../lib/fixtures.mjs";

const POLICY = "bench";
const WINDOW = 2;
const PERIOD_MS = 30_000;
const DIGITS = 6;
const SETUP_CONCURRENCY = 20;
/** A request takes a few ms to reach the server: the lowest step is chosen as if 2 s later. */
const EDGE_MARGIN_MS = 2_000;
/** A user whose previous request has not been answered within this long is usable again. */
const IN_FLIGHT_MS = 10_000;

const stepAt = (ms) => Math.floor(ms / PERIOD_MS);

export function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP / RFC 6238 TOTP code of `step` (HMAC-SHA1, 6 digits). */
export function totpCode(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, "0");
}

function userCount(ctx) {
  const fromEnv = Number(process.env.BENCH_TOTP_USERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(100, 150 * ctx.options.loadSeconds);
}

export const totpAuthenticate = {
  name: "totp.authenticate",
  description: "POST …/users/{id}/totps/authentications/bench: valid code of a fresh step per user, many users",
  floor: "jwt-attempt",
  targets: [{ minRatio: 0.6 }],
  async setup(ctx) {
    await ensureStore(ctx);
    await ctx.api.post(`${STORE_PATH}/totpPolicy`, { name: POLICY, window: WINDOW });
    const count = userCount(ctx);
    const started = Date.now();
    const users = await inParallel(count, SETUP_CONCURRENCY, async (i) => {
      const user = await ctx.api.post(`${STORE_PATH}/users`, {
        extId: `t-${ctx.runId}-${i}`,
        firstName: `Totp${i}`,
        lastName: "User",
        email: `t-${i}@bench.example`,
      });
      const userPath = `${STORE_PATH}/users/${encodeURIComponent(user.id)}`;
      const registration = await ctx.api.post(`${userPath}/totps/registrations/${POLICY}`, {});
      const key = base32Decode(registration.secret);
      const step = stepAt(Date.now() + EDGE_MARGIN_MS) - WINDOW;
      await ctx.api.post(`${userPath}/totps/registrations/${POLICY}/complete`, { code: totpCode(key, step) });
      return { path: `${userPath}/totps/authentications/${POLICY}`, key, last: step, sentAt: 0 };
    });
    const seconds = (Date.now() - started) / 1000;
    const now = stepAt(Date.now());
    const available = users.reduce((n, user) => n + Math.max(0, now + WINDOW - user.last), 0);
    ctx.log(
      `totp: enrolled ${count} users (create + registration + complete, ${SETUP_CONCURRENCY} in flight) in ${seconds.toFixed(1)} s; ` +
        `${available} (user, step) pairs usable now, +${count} every 30 s`,
    );
    const state = { users, cursor: 0, used: 0, exhausted: 0, exhaustedAtStep: null, log: ctx.log };
    // The contract has no teardown: the totals are printed when the runner exits.
    process.once("exit", () => ctx.log(`totp: ${state.used} (user, step) pairs used, ${state.exhausted} requests sent after the pool ran out`));
    return state;
  },
  requests: (state) => [
    {
      method: "POST",
      setupRequest(request, context) {
        const now = Date.now();
        const current = stepAt(now);
        const low = stepAt(now + EDGE_MARGIN_MS) - WINDOW;
        const high = current + WINDOW;
        const { users } = state;
        let busy = 0;
        if (state.exhaustedAtStep !== current) {
          for (let tries = 0; tries < users.length; tries++) {
            const user = users[state.cursor];
            state.cursor = (state.cursor + 1) % users.length;
            const step = Math.max(user.last + 1, low);
            if (step > high) continue;
            if (user.sentAt > now - IN_FLIGHT_MS) {
              busy++; // usable, but its previous request is still out and could be overtaken
              continue;
            }
            user.last = step;
            user.sentAt = now;
            context.user = user;
            state.used++;
            request.path = user.path;
            request.body = JSON.stringify({ code: totpCode(user.key, step) });
            return request;
          }
          if (busy === 0) state.exhaustedAtStep = current;
        }
        // No unused (user, step) pair left in the window (or every user with one has a request in
        // flight: fewer users than connections): fail visibly rather than reuse or reorder a pair.
        const why = busy > 0 ? "all-users-busy" : "pool-exhausted";
        if (state.exhausted++ === 0) state.log(`totp: WARNING ${why} after ${state.used} codes; such requests fail on purpose (policy "${why}")`);
        context.user = null;
        request.path = users[0].path.replace(/\/[^/]+$/, `/${why}`);
        request.body = JSON.stringify({ code: "000000" });
        return request;
      },
      onResponse(_status, _body, context) {
        if (context.user) context.user.sentAt = 0;
      },
    },
  ],
};

export const operations = [totpAuthenticate];
