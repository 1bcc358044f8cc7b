import { seal, unseal } from "../crypto/seal";
import type { Bindings } from "../env";
import { toDtm } from "../http/dtm";
import { ApiError, ERRORS, type ErrorDef } from "../http/errors";
import { createSession, markChallengeUsed, takeSession, type CeremonyBinding } from "./sessions";

export type SessionManagement = "INTERNAL" | "EXTERNAL";

/** What every ceremony carries; EXTERNAL `sessionData` must name all three. */
export interface CeremonyData {
  challenge: string;
  rpId: string;
  policyName: string;
}

/** A capability's codes for the ceremony rules (the seed numbers differ per capability). */
export interface CeremonyCodes {
  /** A session of another kind of ceremony of the same capability. */
  otherKind: ErrorDef;
  external?: {
    missing: ErrorDef;
    noChallenge: ErrorDef;
    noRpId: ErrorDef;
    noPolicy: ErrorDef;
  };
}

type Env = Pick<Bindings, "SESSIONS" | "DATA_ENCRYPTION_KEY">;

const SEAL_PURPOSE = "ceremony-session";

export type Opened = { sessionId: string; expirationDtm: string } | { sessionData: string; expirationDtm: string };

/** INTERNAL: the ceremony waits in a Durable Object (→ `sessionId`); EXTERNAL: it is sealed into `sessionData`. */
export async function openCeremony(env: Env, mode: SessionManagement, binding: CeremonyBinding, data: unknown, ttlSec: number, now: number): Promise<Opened> {
  const expiresAt = now + ttlSec * 1000;
  if (mode === "EXTERNAL") {
    return { sessionData: await seal(env.DATA_ENCRYPTION_KEY, SEAL_PURPOSE, { ...binding, data, expiresAt }, expiresAt), expirationDtm: toDtm(expiresAt) };
  }
  const { sessionId } = await createSession(env.SESSIONS, binding, data, ttlSec, now);
  return { sessionId, expirationDtm: toDtm(expiresAt) };
}

export type CeremonyRef = { sessionId: string } | { sessionData?: string };

const notFound = () => new ApiError(ERRORS.notFound, { message: "Session not found." });

/**
 * The ceremony a complete call refers to, taken out for good. From another tenant or store it does
 * not exist (404/9002) and of another kind it is refused (`codes.otherKind`); neither is consumed.
 * Expired, tampered or already used → 9011. INTERNAL: one Durable Object call takes it. EXTERNAL:
 * `sessionData` must be present and complete (capability codes), and its challenge is then marked
 * used, once, until it expires.
 */
export async function resumeCeremony<D extends CeremonyData>(env: Env, ref: CeremonyRef, expected: CeremonyBinding, codes: CeremonyCodes, now: number): Promise<D> {
  if ("sessionId" in ref) {
    const taken = await takeSession(env.SESSIONS, ref.sessionId, expected, now);
    if (taken.status === "foreign") throw notFound();
    if (taken.status === "otherKind") throw new ApiError(codes.otherKind);
    if (taken.status === "absent") throw new ApiError(ERRORS.sessionExpired);
    return taken.session.data as D;
  }
  const external = codes.external;
  if (!external) throw new ApiError(ERRORS.validation, { message: "This ceremony has no EXTERNAL session management." });
  if (!ref.sessionData) throw new ApiError(external.missing);
  const sealed = await unseal<CeremonyBinding & { data: Partial<D>; expiresAt: number }>(env.DATA_ENCRYPTION_KEY, SEAL_PURPOSE, ref.sessionData, now);
  if (!sealed) throw new ApiError(ERRORS.sessionExpired);
  if (sealed.tenant !== expected.tenant || sealed.storeName !== expected.storeName) throw notFound();
  if (sealed.kind !== expected.kind) throw new ApiError(codes.otherKind);
  const data = sealed.data;
  if (!data.challenge) throw new ApiError(external.noChallenge);
  if (!data.rpId) throw new ApiError(external.noRpId);
  if (!data.policyName) throw new ApiError(external.noPolicy);
  const scope = `${expected.tenant}\u0000${expected.storeName}\u0000${expected.kind}`;
  if (!(await markChallengeUsed(env.SESSIONS, scope, data.challenge, sealed.expiresAt, now))) throw new ApiError(ERRORS.sessionExpired);
  return data as D;
}
