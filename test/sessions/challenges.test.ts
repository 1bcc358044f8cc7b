import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PURGE_INTERVAL_MS } from "../../src/sessions/durable-object";
import { markChallengeUsed } from "../../src/sessions/sessions";

const ns = env.SESSIONS;
const stubFor = (scope: string) => ns.get(ns.idFromName(`challenges:${scope}`));
const newScope = () => `store-${crypto.randomUUID()}`;

const remembered = (scope: string) =>
  runInDurableObject(stubFor(scope), (_instance, state) =>
    state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'used_challenges'").toArray().length === 0
      ? []
      : state.storage.sql.exec<{ challenge: string }>("SELECT challenge FROM used_challenges ORDER BY challenge").toArray().map((r) => r.challenge),
  );

describe("used-challenge set (replay protection for EXTERNAL sessions)", () => {
  it("accepts a challenge once until it expires; challenges and scopes are independent", async () => {
    const scope = newScope();
    const now = Date.now();
    expect(await markChallengeUsed(ns, scope, "c1", now + 60_000, now)).toBe(true);
    expect(await markChallengeUsed(ns, scope, "c1", now + 60_000, now + 1)).toBe(false);
    expect(await markChallengeUsed(ns, scope, "c1", now + 120_000, now + 59_999)).toBe(false);
    expect(await markChallengeUsed(ns, scope, "c2", now + 60_000, now)).toBe(true);
    expect(await markChallengeUsed(ns, `other-${scope}`, "c1", now + 60_000, now)).toBe(true);
  });

  it("once its first use has expired, the entry no longer blocks", async () => {
    const scope = newScope();
    const now = Date.now();
    expect(await markChallengeUsed(ns, scope, "c", now + 1000, now)).toBe(true);
    expect(await markChallengeUsed(ns, scope, "c", now + 5000, now + 1000)).toBe(true);
    expect(await markChallengeUsed(ns, scope, "c", now + 5000, now + 4999)).toBe(false);
  });

  it("refuses a challenge that has already expired, and does not store it", async () => {
    const scope = newScope();
    const now = Date.now();
    expect(await markChallengeUsed(ns, scope, "late", now, now)).toBe(false);
    expect(await markChallengeUsed(ns, scope, "later", now - 1, now)).toBe(false);
    expect(await remembered(scope)).toEqual([]);
  });

  it("parallel uses of one challenge: exactly one is first", async () => {
    const scope = newScope();
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 10 }, () => markChallengeUsed(ns, scope, "same", now + 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("the alarm is set for the earliest expiry, purges expired challenges and keeps live ones", async () => {
    const scope = newScope();
    const now = Date.now();
    await markChallengeUsed(ns, scope, "later", now + 60_000, now);
    await markChallengeUsed(ns, scope, "soon", now + 500, now);
    expect(await runInDurableObject(stubFor(scope), (_i, state) => state.storage.getAlarm())).toBe(now + 500);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await runDurableObjectAlarm(stubFor(scope)); // may already have fired by itself
    expect(await remembered(scope)).toEqual(["later"]);
    const alarm = await runInDurableObject(stubFor(scope), (_i, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThanOrEqual(now + 60_000); // "later", or the purge interval after this run
    expect(alarm).toBeLessThanOrEqual(Date.now() + PURGE_INTERVAL_MS);
    expect(await markChallengeUsed(ns, scope, "later", now + 60_000, Date.now())).toBe(false);
  });

  it("once every challenge has expired the alarm purges them all and stops", async () => {
    const scope = newScope();
    const now = Date.now();
    await markChallengeUsed(ns, scope, "a", now + 300, now);
    await markChallengeUsed(ns, scope, "b", now + 400, now);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runDurableObjectAlarm(stubFor(scope));
    await runDurableObjectAlarm(stubFor(scope));
    expect(await remembered(scope)).toEqual([]);
    expect(await runInDurableObject(stubFor(scope), (_i, state) => state.storage.getAlarm())).toBeNull();
  });
});
