// Passcode (SRP-6a) operations (see bench/run.mjs for the operation contract).
//
// srp.authenticate.<group>: one exchange = two requests on the same connection, in order:
//   1. POST …/users/{id}/passcodes/authentications/srp<group> {}  → 201 { sessionId, identity, salt, B, srp }
//   2. POST …/passcodes/authentications/sessions/{sessionId} { A, M1 } → 200 { …, M2 }
// autocannon counts requests, so exchanges/s = requests/s ÷ 2. Setup: one passcode policy per group
// (SHA-256, rfc5054 profile) and the shared bench users (--users, default 100), each registered
// through the API with a salt and verifier computed by bench/lib/srp-client.mjs. The client's
// ephemerals (a, A = g^a) are precomputed, so answering a start costs the load generator one
// modexp, S = (B − k·v)^(a + u·x), done with OpenSSL through node:crypto (fastModPow).
// Every M2 is checked; a wrong M2 is logged and makes every later start request of the operation
// fail on purpose (unknown policy "m2-mismatch"), so the run reports it as non-2xx.
//
// Ephemerals: BENCH_SRP_EPHEMERALS per group, default 200 per second of warm-up + measurement
// (ctx.options.loadSeconds);
// when they run out, fresh ones are computed per request (one more modexp, logged once).
import { inParallel } from "../lib/api.mjs";
import { ensureUsers, STORE_PATH } from "../lib/fixtures.mjs";
import { checkFastModPow, ephemeral, fastModPow, fastModPowFailures, proof, register, suiteOf } from "../lib/srp-client.mjs";

const SETUP_CONCURRENCY = 8;
const HASH = "SHA-256";
const PROFILE = "rfc5054";

function ephemeralCount(ctx) {
  const fromEnv = Number(process.env.BENCH_SRP_EPHEMERALS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 200 * ctx.options.loadSeconds;
}

function srpAuthenticate(group) {
  const policy = `srp${group}`;
  return {
    name: `srp.authenticate.${group}`,
    description: `SRP-6a exchange (start + complete, 2 requests), group ${group}, ${HASH}, ${PROFILE}; exchanges/s = req/s ÷ 2`,
    floor: "jwt-attempt",
    ...(group === 2048 ? { targets: [{ minRatio: 0.6 }] } : {}),
    async setup(ctx) {
      const users = await ensureUsers(ctx);
      await ctx.api.post(`${STORE_PATH}/passcodePolicy`, { name: policy, srpGroup: group, srpHash: HASH, srpProfile: PROFILE });
      let suite = null;
      const started = Date.now();
      const registered = await inParallel(users.length, SETUP_CONCURRENCY, async (i) => {
        const user = users[i];
        const userPath = `${STORE_PATH}/users/${encodeURIComponent(user.id)}`;
        const start = await ctx.api.post(`${userPath}/passcodes/registrations/${policy}`, {});
        if (start.srp.group !== group || start.srp.hash !== HASH || start.srp.profile !== PROFILE) {
          throw new Error(`${policy}: registration announced ${JSON.stringify(start.srp)}`);
        }
        if (!suite) {
          suite = suiteOf(start.srp);
          checkFastModPow(suite.N);
        }
        const material = register(suite, start.identity, `bench-passcode-${i}`);
        await ctx.api.post(`${STORE_PATH}/passcodes/registrations/sessions/${start.sessionId}`, material.body);
        return { identity: start.identity, salt: material.salt, saltHex: material.body.salt, x: material.x, v: material.v, startPath: `${userPath}/passcodes/authentications/${policy}` };
      });
      const registeredS = (Date.now() - started) / 1000;

      const count = ephemeralCount(ctx);
      const ephemeralStarted = Date.now();
      const ephemerals = Array.from({ length: count }, () => ephemeral(suite));
      ctx.log(
        `${policy}: registered ${registered.length} passcodes in ${registeredS.toFixed(1)} s; ` +
          `precomputed ${count} client ephemerals in ${((Date.now() - ephemeralStarted) / 1000).toFixed(1)} s`,
      );
      const state = { policy, suite, users: registered, ephemerals, next: 0, cursor: 0, fresh: 0, verified: 0, m2Mismatch: 0, log: ctx.log };
      // The contract has no teardown: the totals are printed when the runner exits.
      process.once("exit", () => {
        ctx.log(`${policy}: ${state.verified} server proofs (M2) verified, ${state.m2Mismatch} mismatches, ${state.next} ephemerals used (${state.fresh} computed per request)`);
        if (fastModPowFailures.length > 0 && !fastModPowFailures.reported) {
          fastModPowFailures.reported = true;
          ctx.log(`srp client: OpenSSL refused ${fastModPowFailures.length} modexps (BigInt modPow used instead), first: ${fastModPowFailures[0].message}`);
        }
      });
      return state;
    },
    requests: (state) => [
      {
        method: "POST",
        body: "{}",
        setupRequest(request, context) {
          const user = state.users[state.cursor];
          state.cursor = (state.cursor + 1) % state.users.length;
          context.user = user;
          request.path = state.m2Mismatch > 0 ? user.startPath.replace(/\/[^/]+$/, "/m2-mismatch") : user.startPath;
          return request;
        },
        onResponse(status, body, context) {
          if (status !== 201) return;
          const start = JSON.parse(body);
          context.sessionId = start.sessionId;
          context.B = start.B;
          context.saltOk = start.salt === context.user.saltHex && start.identity === context.user.identity;
        },
      },
      {
        method: "POST",
        setupRequest(request, context) {
          const completePath = (id) => `${STORE_PATH}/passcodes/authentications/sessions/${id}`;
          if (!context.sessionId || !context.saltOk) {
            // The start failed (already counted as non-2xx) or announced another salt/identity:
            // send a complete that fails visibly too.
            request.path = completePath(context.sessionId ?? "start-failed");
            request.body = JSON.stringify({ A: "02", M1: "00" });
            return request;
          }
          let pair = state.ephemerals[state.next++];
          if (!pair) {
            if (state.fresh++ === 0) state.log(`${state.policy}: precomputed ephemerals used up; computing them per request from now on`);
            pair = ephemeral(state.suite);
          }
          const answer = proof(state.suite, context.user, pair, BigInt(`0x${context.B}`), fastModPow);
          context.expectedM2 = answer.expectedM2;
          request.path = completePath(context.sessionId);
          request.body = JSON.stringify({ A: answer.A, M1: answer.M1 });
          return request;
        },
        onResponse(status, body, context) {
          if (status !== 200 || !context.expectedM2) return;
          const { M2 } = JSON.parse(body);
          if (M2 === context.expectedM2) {
            state.verified++;
          } else if (state.m2Mismatch++ === 0) {
            state.log(`${state.policy}: WARNING server M2 ${M2} differs from the expected ${context.expectedM2}; later starts fail on purpose`);
          }
        },
      },
    ],
  };
}

export const operations = [srpAuthenticate(2048), srpAuthenticate(3072), srpAuthenticate(4096)];
