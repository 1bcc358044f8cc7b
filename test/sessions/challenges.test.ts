import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { markChallengeUsed } from "../../src/sessions/sessions";

const ns = env.SESSIONS;

describe("used-challenge set (replay protection for EXTERNAL sessions)", () => {
  it("accepts a challenge once until it expires", async () => {
    const scope = `store-${crypto.randomUUID()}`;
    const now = Date.now();
    expect(await markChallengeUsed(ns, scope, "c1", now + 60_000, now)).toBe(true);
    expect(await markChallengeUsed(ns, scope, "c1", now + 60_000, now + 1)).toBe(false);
    expect(await markChallengeUsed(ns, scope, "c2", now + 60_000, now)).toBe(true);
    expect(await markChallengeUsed(ns, `other-${scope}`, "c1", now + 60_000, now)).toBe(true);
  });

  it("parallel uses of one challenge: exactly one is first", async () => {
    const scope = `store-${crypto.randomUUID()}`;
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 8 }, () => markChallengeUsed(ns, scope, "same", now + 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("the alarm purges expired challenges and keeps live ones", async () => {
    const scope = `store-${crypto.randomUUID()}`;
    const now = Date.now();
    await markChallengeUsed(ns, scope, "soon", now + 500, now);
    await markChallengeUsed(ns, scope, "later", now + 60_000, now);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stub = ns.get(ns.idFromName(`challenges:${scope}`));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ challenge: string }>("SELECT challenge FROM used_challenges").toArray().map((r) => r.challenge));
    expect(left).toEqual(["later"]);
    expect(await markChallengeUsed(ns, scope, "later", now + 60_000, Date.now())).toBe(false);
  });
});
