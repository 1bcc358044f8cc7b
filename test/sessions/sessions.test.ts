import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/http/errors";
import { consumeSession, createSession, readSession } from "../../src/sessions/sessions";

const ns = env.SESSIONS;
const stubFor = (sessionId: string) => ns.get(ns.idFromName(`session:${sessionId}`));
const newSession = (ttlSec = 60, now?: number) =>
  createSession(ns, { kind: "passcode-authentication", storeId: "store-1", userId: "user-1", policyName: "default", data: { b: "secret-ephemeral" }, ttlSec }, now);

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
    expect(await readSession(ns, sessionId)).toMatchObject({
      sessionId,
      kind: "passcode-authentication",
      storeId: "store-1",
      userId: "user-1",
      policyName: "default",
      rpId: null,
      data: { b: "secret-ephemeral" },
      expiresAt,
    });
  });

  it("is consumed once: the second consume is 9011 and a read finds nothing", async () => {
    const { sessionId } = await newSession();
    expect((await consumeSession(ns, sessionId)).data).toEqual({ b: "secret-ephemeral" });
    expect(await consumeError(sessionId)).toBe(9011);
    expect(await readSession(ns, sessionId)).toBeNull();
  });

  it("of concurrent consumers exactly one wins", async () => {
    const { sessionId } = await newSession();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => consumeSession(ns, sessionId)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(7);
  });

  it("expires by time even before the alarm has run", async () => {
    const now = Date.now();
    const { sessionId, expiresAt } = await newSession(30, now);
    expect(await readSession(ns, sessionId, expiresAt - 1)).not.toBeNull();
    expect(await readSession(ns, sessionId, expiresAt)).toBeNull();
    expect(await consumeError(sessionId, expiresAt + 1)).toBe(9011);
  });

  it("the alarm deletes the session's storage at expiry", async () => {
    const { sessionId } = await createSession(ns, { kind: "k", storeId: "s", data: {}, ttlSec: 1 });
    const stub = stubFor(sessionId);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await runDurableObjectAlarm(stub);
    expect(await runInDurableObject(stub, async (_instance, state) => (await state.storage.list()).size)).toBe(0);
    expect(await readSession(ns, sessionId)).toBeNull();
  });

  it("an alarm that fires early keeps a live session and re-arms", async () => {
    const { sessionId } = await newSession(60);
    const stub = stubFor(sessionId);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await readSession(ns, sessionId)).not.toBeNull();
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).not.toBeNull();
  });

  it("malformed or unknown ids behave like expired sessions (9011), without error", async () => {
    for (const id of ["", "short", "../../etc/passwd", "a".repeat(500), "AAAAAAAAAAAAAAAAAAAAAA"]) {
      expect(await readSession(ns, id)).toBeNull();
      expect(await consumeError(id)).toBe(9011);
    }
  });
});
