import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/http/errors";
import { consumeSession, createSession, readSession } from "../../src/sessions/sessions";

const ns = env.SESSIONS;
const stubFor = (sessionId: string) => ns.get(ns.idFromName(`session:${sessionId}`));
const newSession = (ttlSec = 60, now?: number) =>
  createSession(ns, { kind: "passcode-authentication", storeId: "store-1", userId: "user-1", policyName: "default", data: { b: "secret-ephemeral" }, ttlSec }, now);

/** What is left in the session's Durable Object: stored keys and the pending alarm. */
const leftovers = (sessionId: string) =>
  runInDurableObject(stubFor(sessionId), async (_instance, state) => ({ keys: (await state.storage.list()).size, alarm: await state.storage.getAlarm() }));

async function consumeError(sessionId: string, now?: number) {
  const error = await consumeSession(ns, sessionId, now).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).code;
}

describe("ceremony sessions (Durable Object)", () => {
  it("creates a session with a 128-bit base64url id and reads it back while live", async () => {
    const before = Date.now();
    const { sessionId, expiresAt } = await newSession(60);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await readSession(ns, sessionId)).toEqual({
      sessionId,
      kind: "passcode-authentication",
      storeId: "store-1",
      userId: "user-1",
      policyName: "default",
      rpId: null,
      data: { b: "secret-ephemeral" },
      createdAt: expiresAt - 60_000,
      expiresAt,
    });
    expect((await leftovers(sessionId)).alarm).toBe(expiresAt);
  });

  it("gives every session its own id", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => newSession().then((s) => s.sessionId)));
    expect(new Set(ids).size).toBe(20);
  });

  it("reading does not consume", async () => {
    const { sessionId } = await newSession();
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect((await consumeSession(ns, sessionId)).sessionId).toBe(sessionId);
  });

  it("is consumed once: the second consume is 9011, a read finds nothing, storage and alarm are gone", async () => {
    const { sessionId } = await newSession();
    expect((await consumeSession(ns, sessionId)).data).toEqual({ b: "secret-ephemeral" });
    expect(await consumeError(sessionId)).toBe(9011);
    expect(await readSession(ns, sessionId)).toBeNull();
    expect(await leftovers(sessionId)).toEqual({ keys: 0, alarm: null });
  });

  it("of concurrent consumers exactly one wins, the others get 9011", async () => {
    for (let round = 0; round < 5; round++) {
      const { sessionId } = await newSession();
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => consumeSession(ns, sessionId)));
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      expect((won[0] as PromiseFulfilledResult<{ sessionId: string }>).value.sessionId).toBe(sessionId);
      for (const r of results) if (r.status === "rejected") expect((r.reason as ApiError).code).toBe(9011);
    }
  });

  it("expires by time even before the alarm has run", async () => {
    const now = Date.now();
    const { sessionId, expiresAt } = await newSession(30, now);
    expect(await readSession(ns, sessionId, expiresAt - 1)).not.toBeNull();
    expect(await readSession(ns, sessionId, expiresAt)).toBeNull();
    expect(await consumeError(sessionId, expiresAt)).toBe(9011);
    // the expired consume removed it for good: not even "now" (before expiry) brings it back
    expect(await readSession(ns, sessionId, now)).toBeNull();
    expect(await leftovers(sessionId)).toEqual({ keys: 0, alarm: null });
  });

  it("the alarm deletes the session's storage at expiry", async () => {
    const { sessionId } = await createSession(ns, { kind: "k", storeId: "s", data: {}, ttlSec: 1 });
    expect((await leftovers(sessionId)).keys).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runDurableObjectAlarm(stubFor(sessionId)); // may already have fired by itself: either way it has run
    expect(await leftovers(sessionId)).toEqual({ keys: 0, alarm: null });
    expect(await readSession(ns, sessionId, 0)).toBeNull();
    expect(await consumeError(sessionId, 0)).toBe(9011);
  });

  it("an alarm that fires early keeps a live session and re-arms for its expiry", async () => {
    const { sessionId, expiresAt } = await newSession(60);
    expect(await runDurableObjectAlarm(stubFor(sessionId))).toBe(true);
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect((await leftovers(sessionId)).alarm).toBe(expiresAt);
  });

  it("malformed or unknown ids behave like expired sessions (9011), without touching storage", async () => {
    const unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    for (const id of ["", "short", "../../etc/passwd", "a".repeat(500), "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAA+/", `${unknown}A`, unknown]) {
      expect(await readSession(ns, id)).toBeNull();
      expect(await consumeError(id)).toBe(9011);
    }
    expect(await leftovers(unknown)).toEqual({ keys: 0, alarm: null });
  });
});
