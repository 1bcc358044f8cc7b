// Passkey sign-in: start (user-scoped request options) + complete (an assertion signed by a
// software passkey in the load generator), one exchange per pair of requests.
import { inParallel } from "../lib/api.mjs";
import { exchangeRequests } from "../lib/exchange.mjs";
import { ensureUsers, STORE_PATH } from "../lib/fixtures.mjs";
import { SoftPasskey } from "../lib/soft-passkey.mjs";

const RP = "bench.example";
const ORIGIN = `https://${RP}`;

async function registeredPasskeys(ctx) {
  ctx.cache.passkeys ??= (async () => {
    const users = await ensureUsers(ctx);
    await ctx.api.post(`${STORE_PATH}/passkeyConfig`, { rpId: RP, rpName: "Bench" });
    const started = Date.now();
    const registered = await inParallel(users.length, 8, async (i) => {
      const user = users[i];
      const passkey = new SoftPasskey();
      const start = await ctx.api.post(`${STORE_PATH}/users/${user.id}/passkeys/relyingParties/${RP}/registrations/default`, {});
      await ctx.api.post(`${STORE_PATH}/passkeys/registrations/sessions/${start.sessionId}`, { response: passkey.registration(start.publicKey, ORIGIN) });
      return { user, passkey };
    });
    ctx.log(`registered ${registered.length} passkeys in ${Date.now() - started} ms`);
    return registered;
  })();
  return ctx.cache.passkeys;
}

export const authenticatePasskey = {
  name: "passkeys.authenticate",
  description: "passkey sign-in: POST …/passkeys/relyingParties/{rpId}/authentications/default, then POST …/passkeys/authentications/sessions/{id} with a signed assertion (2 requests per exchange)",
  floor: "jwt-attempt",
  targets: [{ minRatio: 0.6 }],
  async setup(ctx) {
    return { registered: await registeredPasskeys(ctx), next: 0 };
  },
  requests: (state) =>
    exchangeRequests(state, {
      startPath: (entry) => `${STORE_PATH}/users/${entry.user.id}/passkeys/relyingParties/${RP}/authentications/default`,
      completePath: (start) => `${STORE_PATH}/passkeys/authentications/sessions/${start?.sessionId ?? "missing"}`,
      completeBody: (start, entry) => ({ response: start ? entry.passkey.assertion(start.publicKey, ORIGIN) : {} }),
    }),
};

export const operations = [authenticatePasskey];
