import { toBase64Url } from "../crypto/encoding";
import type { Bindings } from "../env";
import { ApiError } from "../http/errors";
import type { CeremonySession } from "./durable-object";

export type { CeremonySession };
type Namespace = Bindings["SESSIONS"];

const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

function sessionStub(ns: Namespace, sessionId: string) {
  return ns.get(ns.idFromName(`session:${sessionId}`));
}

export interface NewSession {
  kind: string;
  storeId: string;
  userId?: string | null;
  policyName?: string | null;
  rpId?: string | null;
  data: unknown;
  ttlSec: number;
}

/** Starts a ceremony session (128-bit random id) that expires after `ttlSec`. */
export async function createSession(ns: Namespace, session: NewSession, now = Date.now()): Promise<{ sessionId: string; expiresAt: number }> {
  const sessionId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const expiresAt = now + session.ttlSec * 1000;
  await sessionStub(ns, sessionId).create({
    sessionId,
    kind: session.kind,
    storeId: session.storeId,
    userId: session.userId ?? null,
    policyName: session.policyName ?? null,
    rpId: session.rpId ?? null,
    data: session.data,
    createdAt: now,
    expiresAt,
  });
  return { sessionId, expiresAt };
}

/** The live session, or null (unknown, malformed id, expired or consumed). */
export async function readSession(ns: Namespace, sessionId: string, now = Date.now()): Promise<CeremonySession | null> {
  if (!SESSION_ID.test(sessionId)) return null;
  return sessionStub(ns, sessionId).read(now);
}

/** Takes the session out for good — the first caller gets it, any later one 400/9011. */
export async function consumeSession(ns: Namespace, sessionId: string, now = Date.now()): Promise<CeremonySession> {
  const session = SESSION_ID.test(sessionId) ? await sessionStub(ns, sessionId).consume(now) : null;
  if (!session) throw new ApiError("sessionExpired");
  return session;
}

/** Remembers `challenge` within `scope` until it expires; false when it was already used. */
export function markChallengeUsed(ns: Namespace, scope: string, challenge: string, expiresAt: number, now = Date.now()): Promise<boolean> {
  return ns.get(ns.idFromName(`challenges:${scope}`)).markChallengeUsed(challenge, expiresAt, now);
}
