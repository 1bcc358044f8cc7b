import { toBase64Url } from "../crypto/encoding";
import type { Bindings } from "../env";
import type { CeremonyBinding, CeremonySession, TakeResult } from "./durable-object";

export type { CeremonyBinding, CeremonySession, TakeResult };
type Namespace = Bindings["SESSIONS"];

const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

function sessionStub(ns: Namespace, sessionId: string) {
  return ns.get(ns.idFromName(`session:${sessionId}`));
}

/** Starts a session (128-bit random id) that expires after `ttlSec`. */
export async function createSession(ns: Namespace, binding: CeremonyBinding, data: unknown, ttlSec: number, now = Date.now()): Promise<{ sessionId: string; expiresAt: number }> {
  const sessionId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const expiresAt = now + ttlSec * 1000;
  await sessionStub(ns, sessionId).create({ sessionId, ...binding, data, createdAt: now, expiresAt });
  return { sessionId, expiresAt };
}

/** The live session, or null (unknown, malformed id, expired or taken). */
export async function readSession(ns: Namespace, sessionId: string, now = Date.now()): Promise<CeremonySession | null> {
  if (!SESSION_ID.test(sessionId)) return null;
  return sessionStub(ns, sessionId).read(now);
}

/** Takes the session out for good when it is bound to `expected` (see CeremonySessions.take). */
export async function takeSession(ns: Namespace, sessionId: string, expected: CeremonyBinding, now = Date.now()): Promise<TakeResult> {
  if (!SESSION_ID.test(sessionId)) return { status: "absent" };
  return sessionStub(ns, sessionId).take(now, expected);
}

/** Remembers `challenge` within `scope` until it expires; false when it was already used. */
export function markChallengeUsed(ns: Namespace, scope: string, challenge: string, expiresAt: number, now = Date.now()): Promise<boolean> {
  return ns.get(ns.idFromName(`challenges:${scope}`)).markChallengeUsed(challenge, expiresAt, now);
}
