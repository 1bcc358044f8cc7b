// Appkey (FIDO UAF) sign-in: start (the UAF AuthenticationRequest for the user's appkeys) + complete
// (an assertion signed by a software UAF authenticator in the load generator), one exchange per
// pair of requests.
import { inParallel } from "../lib/api.mjs";
import { exchangeRequests } from "../lib/exchange.mjs";
import { ensureUsers, STORE_PATH } from "../lib/fixtures.mjs";
import { SoftUaf } from "../lib/soft-uaf.mjs";

const RP = "bench.example";
const FACET = "android:apk-key-hash:bench";

async function registeredAppkeys(ctx) {
  ctx.cache.appkeys ??= (async () => {
    const users = await ensureUsers(ctx);
    await ctx.api.post(`${STORE_PATH}/appkeyConfig`, { rpId: RP, trustedFacets: [FACET] });
    const started = Date.now();
    const registered = await inParallel(users.length, 8, async (i) => {
      const user = users[i];
      const authenticator = new SoftUaf(FACET);
      const start = await ctx.api.post(`${STORE_PATH}/users/${user.id}/appkeys/relyingParties/${RP}/registrations/default`, {});
      await ctx.api.post(`${STORE_PATH}/appkeys/registrations/sessions/${start.sessionId}`, { fidoRegistrationResponse: authenticator.register(start.fidoRegistrationRequest), deviceId: `device-${i}` });
      return { user, authenticator };
    });
    ctx.log(`registered ${registered.length} appkeys in ${Date.now() - started} ms`);
    return registered;
  })();
  return ctx.cache.appkeys;
}

export const authenticateAppkey = {
  name: "appkeys.authenticate",
  description:
    "appkey (FIDO UAF) sign-in: POST …/appkeys/relyingParties/{rpId}/authentications/default, then POST …/appkeys/authentications/sessions/{id} with a signed UAF assertion (2 requests per exchange)",
  floor: "jwt-attempt",
  targets: [{ minRatio: 0.6 }],
  async setup(ctx) {
    return { registered: await registeredAppkeys(ctx), next: 0 };
  },
  requests: (state) =>
    exchangeRequests(state, {
      startPath: (entry) => `${STORE_PATH}/users/${entry.user.id}/appkeys/relyingParties/${RP}/authentications/default`,
      completePath: (start) => `${STORE_PATH}/appkeys/authentications/sessions/${start?.sessionId ?? "missing"}`,
      completeBody: (start, entry) => (start ? { fidoAuthenticationResponse: entry.authenticator.authenticate(start.fidoAuthenticationRequest) } : { failure: { reason: "FAILED" } }),
    }),
};

export const operations = [authenticateAppkey];
