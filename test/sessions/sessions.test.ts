import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PURGE_INTERVAL_MS } from "../../src/sessions/durable-object";
import { createSession, readSession, sessionShard, takeSession, type CeremonyBinding, type TakeResult } from "../../src/sessions/sessions";

const ns = env.SESSIONS;
const stubFor = (sessionId: string) => sessionShard(ns, sessionId);
const BINDING: CeremonyBinding = { tenant: "tenant-1", storeName: "store-1", kind: "passcode-authentication" };
const DATA = { userId: "user-1", b: "secret-ephemeral" };
const newSession = (ttlSec = 60, now = Date.now()) => createSession(ns, BINDING, DATA, ttlSec, now);
const take = (sessionId: string, now = Date.now(), expected: CeremonyBinding = BINDING) => takeSession(ns, sessionId, expected, now);

/** What is left of the session in its shard (stored rows), and the shard's pending alarm. */
const leftovers = (sessionId: string) =>
  runInDurableObject(stubFor(sessionId), async (_instance, state) => ({
    rows: state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM sessions WHERE id = ?", sessionId).one().n,
    alarm: await state.storage.getAlarm(),
  }));

const taken = (result: TakeResult) => (result.status === "taken" ? result.session : undefined);

describe("ceremony sessions (Durable Object)", () => {
  it("creates a session with a 128-bit base64url id and reads it back while live", async () => {
    const before = Date.now();
    const { sessionId, expiresAt } = await newSession(60);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await readSession(ns, sessionId)).toEqual({ sessionId, ...BINDING, data: DATA, createdAt: expiresAt - 60_000, expiresAt });
    const { rows, alarm } = await leftovers(sessionId);
    expect(rows).toBe(1);
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(expiresAt); // the shard's alarm: this session's expiry or an earlier one
  });

  it("lives in one of 64 shards named by its id's first character; shard neighbours stay apart", async () => {
    const byShard = new Map<string, string>();
    let pair: [string, string] | undefined;
    while (!pair) {
      const { sessionId } = await newSession();
      expect(sessionShard(ns, sessionId).id.equals(ns.idFromName(`sessions:${sessionId[0]}`))).toBe(true);
      const neighbour = byShard.get(sessionId[0]!);
      if (neighbour) pair = [neighbour, sessionId];
      byShard.set(sessionId[0]!, sessionId);
    }
    const [first, second] = pair;
    expect(taken(await take(first))?.sessionId).toBe(first);
    expect(await readSession(ns, second)).not.toBeNull();
    expect(taken(await take(second))?.sessionId).toBe(second);
  });

  it("gives every session its own id", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => newSession().then((s) => s.sessionId)));
    expect(new Set(ids).size).toBe(20);
  });

  it("reading does not consume", async () => {
    const { sessionId } = await newSession();
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect(taken(await take(sessionId))?.sessionId).toBe(sessionId);
  });

  it("is taken once: the second take finds nothing, a read finds nothing, its row is gone", async () => {
    const { sessionId } = await newSession();
    expect(taken(await take(sessionId))?.data).toEqual(DATA);
    expect(await take(sessionId)).toEqual({ status: "absent" });
    expect(await readSession(ns, sessionId)).toBeNull();
    expect((await leftovers(sessionId)).rows).toBe(0);
  });

  it("of concurrent takers exactly one wins, the others find nothing", async () => {
    for (let round = 0; round < 5; round++) {
      const { sessionId } = await newSession();
      const results = await Promise.all(Array.from({ length: 10 }, () => take(sessionId)));
      const won = results.filter((r) => r.status === "taken");
      expect(won).toHaveLength(1);
      expect(taken(won[0]!)?.sessionId).toBe(sessionId);
      expect(results.filter((r) => r.status === "absent")).toHaveLength(9);
    }
  });

  it("of another tenant or store it is foreign, of another kind otherKind; neither takes it", async () => {
    const { sessionId } = await newSession();
    expect(await take(sessionId, Date.now(), { ...BINDING, tenant: "tenant-2" })).toEqual({ status: "foreign" });
    expect(await take(sessionId, Date.now(), { ...BINDING, storeName: "store-2" })).toEqual({ status: "foreign" });
    // another tenant is foreign whatever the kind it asks for
    expect(await take(sessionId, Date.now(), { tenant: "tenant-2", storeName: "store-1", kind: "passcode-registration" })).toEqual({ status: "foreign" });
    expect(await take(sessionId, Date.now(), { ...BINDING, kind: "passcode-renewal" })).toEqual({ status: "otherKind" });
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect((await leftovers(sessionId)).rows).toBe(1);
    expect(taken(await take(sessionId))?.sessionId).toBe(sessionId);
  });

  it("concurrent foreign and otherKind takers never spend it for the rightful one", async () => {
    const { sessionId } = await newSession();
    const wrong = [{ ...BINDING, tenant: "tenant-2" }, { ...BINDING, storeName: "store-2" }, { ...BINDING, kind: "passcode-renewal" }];
    const results = await Promise.all([...Array.from({ length: 9 }, (_, i) => take(sessionId, Date.now(), wrong[i % 3])), take(sessionId)]);
    expect(results.at(-1)?.status).toBe("taken");
    expect(results.slice(0, -1).map((r) => r.status)).toEqual(Array.from({ length: 9 }, (_, i) => (i % 3 === 2 ? "otherKind" : "foreign")));
  });

  it("expires by time even before the alarm has run", async () => {
    const now = Date.now();
    const { sessionId, expiresAt } = await newSession(30, now);
    expect(await readSession(ns, sessionId, expiresAt - 1)).not.toBeNull();
    expect(await readSession(ns, sessionId, expiresAt)).toBeNull();
    expect(await take(sessionId, expiresAt)).toEqual({ status: "absent" });
    // an expired session is not even foreign: it no longer exists for anyone
    expect(await take(sessionId, expiresAt, { ...BINDING, tenant: "tenant-2" })).toEqual({ status: "absent" });
  });

  it("the alarm deletes the session's row at expiry", async () => {
    const { sessionId, expiresAt } = await newSession(1);
    const before = await leftovers(sessionId);
    expect(before.rows).toBe(1);
    expect(before.alarm).toBeLessThanOrEqual(expiresAt); // brought forward to this session's expiry
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runDurableObjectAlarm(stubFor(sessionId)); // may already have fired by itself: either way it has run
    expect((await leftovers(sessionId)).rows).toBe(0);
    expect(await readSession(ns, sessionId, 0)).toBeNull();
    expect(await take(sessionId, 0)).toEqual({ status: "absent" });
  });

  it("an alarm that fires early keeps a live session and re-arms, at most once a minute", async () => {
    const { sessionId, expiresAt } = await newSession(30);
    expect(await runDurableObjectAlarm(stubFor(sessionId))).toBe(true);
    const firedAt = Date.now();
    expect(await readSession(ns, sessionId)).not.toBeNull();
    const { rows, alarm } = await leftovers(sessionId);
    expect(rows).toBe(1);
    // the live session expires in 30 s, but the next purge waits for the interval
    expect(alarm).toBeGreaterThanOrEqual(Math.max(expiresAt, firedAt - 1000 + PURGE_INTERVAL_MS));
    expect(alarm).toBeLessThanOrEqual(Date.now() + PURGE_INTERVAL_MS);
  });

  it("malformed or unknown ids find nothing, without touching storage", async () => {
    const unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    for (const id of ["", "short", "../../etc/passwd", "a".repeat(500), "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAA+/", `${unknown}A`, unknown]) {
      expect(await readSession(ns, id)).toBeNull();
      expect(await take(id)).toEqual({ status: "absent" });
    }
    expect((await leftovers(unknown)).rows).toBe(0);
  });
});
