import { toBase64Url } from "../crypto/encoding";
import type { Bindings } from "../env";
import type { CeremonyBinding, CeremonySession, TakeResult } from "./durable-object";

export type { CeremonyBinding, CeremonySession, TakeResult };
type Namespace = Bindings["SESSIONS"];

const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The instance that holds a session: one of 64 shards, named by the id's first character (its
 * first 6 random bits). A fixed set of warm instances costs far less per ceremony than a new
 * instance per session (created, given an alarm and wiped each time).
 */
export function sessionShard(ns: Namespace, sessionId: string) {
  return ns.get(ns.idFromName(`sessions:${sessionId[0]}`));
}

/** Starts a session (128-bit random id) that expires after `ttlSec`. */
export async function createSession(ns: Namespace, binding: CeremonyBinding, data: unknown, ttlSec: number, now = Date.now()): Promise<{ sessionId: string; expiresAt: number }> {
  const sessionId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const expiresAt = now + ttlSec * 1000;
  await sessionShard(ns, sessionId).create({ sessionId, ...binding, data, createdAt: now, expiresAt });
  return { sessionId, expiresAt };
}

/** The live session, or null (unknown, malformed id, expired or taken). */
export async function readSession(ns: Namespace, sessionId: string, now = Date.now()): Promise<CeremonySession | null> {
  if (!SESSION_ID.test(sessionId)) return null;
  return sessionShard(ns, sessionId).read(sessionId, now);
}

/** Takes the session out for good when it is bound to `expected` (see CeremonySessions.take). */
export async function takeSession(ns: Namespace, sessionId: string, expected: CeremonyBinding, now = Date.now()): Promise<TakeResult> {
  if (!SESSION_ID.test(sessionId)) return { status: "absent" };
  return sessionShard(ns, sessionId).take(sessionId, now, expected);
}

/** Remembers `challenge` within `scope` until it expires; false when it was already used. */
export function markChallengeUsed(ns: Namespace, scope: string, challenge: string, expiresAt: number, now = Date.now()): Promise<boolean> {
  return ns.get(ns.idFromName(`challenges:${scope}`)).markChallengeUsed(challenge, expiresAt, now);
}
