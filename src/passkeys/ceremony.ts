import type { Context } from "hono";
import type { AppEnv } from "../env";
import { toDtm } from "../http/dtm";
import { ApiError, ERRORS } from "../http/errors";
import { seal, unseal } from "../crypto/seal";
import { consumeSession, createSession, markChallengeUsed } from "../sessions/sessions";
import type { StoreRow } from "../stores/storage";
import { storeConfiguration } from "../stores/render";
import { PASSKEY_ERRORS } from "./errors";

export type PasskeyCeremonyKind = "passkey-registration" | "passkey-authentication";

export interface PasskeyCeremony {
  kind: PasskeyCeremonyKind;
  storeId: string;
  rpId: string;
  policyName: string;
  userId: string | null;
  challenge: string;
  /** Registration: the user handle the credential is created for. */
  userHandle?: string;
  /** Authentication: the credential ids offered (empty: usernameless). */
  allowCredentials?: string[];
  expiresAt: number;
}

const SEAL_PURPOSE = "passkey-session";

/** INTERNAL: the ceremony waits in a Durable Object (→ sessionId); EXTERNAL: sealed into sessionData. */
export async function openCeremony(c: Context<AppEnv>, mode: "INTERNAL" | "EXTERNAL", ceremony: Omit<PasskeyCeremony, "expiresAt">, ttlSec: number, now: number) {
  const expiresAt = now + ttlSec * 1000;
  if (mode === "EXTERNAL") {
    return { sessionData: await seal(c.env.DATA_ENCRYPTION_KEY, SEAL_PURPOSE, { ...ceremony, expiresAt }, expiresAt), expirationDtm: toDtm(expiresAt) };
  }
  const { sessionId } = await createSession(
    c.env.SESSIONS,
    { kind: ceremony.kind, storeId: ceremony.storeId, userId: ceremony.userId, policyName: ceremony.policyName, rpId: ceremony.rpId, data: ceremony, ttlSec },
    now,
  );
  return { sessionId, expirationDtm: toDtm(expiresAt) };
}

/**
 * The ceremony a complete call refers to. INTERNAL: the session is consumed (9011 when expired or
 * used). EXTERNAL: sessionData must be present (384), ours and unexpired (9011), complete (386,
 * 387, 394), for an EXTERNAL relying party (388), and its challenge not used before (9011).
 */
export async function resumeCeremony(
  c: Context<AppEnv>,
  store: StoreRow,
  kind: PasskeyCeremonyKind,
  ref: { sessionId: string } | { sessionData?: string },
  now: number,
): Promise<PasskeyCeremony> {
  let ceremony: PasskeyCeremony;
  if ("sessionId" in ref) {
    const session = await consumeSession(c.env.SESSIONS, ref.sessionId, now);
    if (session.storeId !== store.id) throw new ApiError(ERRORS.sessionExpired);
    ceremony = session.data as PasskeyCeremony;
  } else {
    if (!ref.sessionData) throw new ApiError(PASSKEY_ERRORS.sessionDataMissing);
    const sealed = await unseal<Partial<PasskeyCeremony>>(c.env.DATA_ENCRYPTION_KEY, SEAL_PURPOSE, ref.sessionData, now);
    if (!sealed || sealed.storeId !== store.id) throw new ApiError(ERRORS.sessionExpired);
    if (!sealed.challenge) throw new ApiError(PASSKEY_ERRORS.sessionDataNoChallenge);
    if (!sealed.rpId) throw new ApiError(PASSKEY_ERRORS.sessionDataNoRpId);
    if (!sealed.policyName) throw new ApiError(PASSKEY_ERRORS.sessionDataNoPolicy);
    ceremony = sealed as PasskeyCeremony;
    if (storeConfiguration(store).passkeyConfigs[ceremony.rpId]?.sessionManagement !== "EXTERNAL") throw new ApiError(PASSKEY_ERRORS.sessionDataInInternalMode);
    if (!(await markChallengeUsed(c.env.SESSIONS, `passkey:${store.id}`, ceremony.challenge, ceremony.expiresAt, now))) throw new ApiError(ERRORS.sessionExpired);
  }
  if (ceremony.kind !== kind) throw new ApiError(PASSKEY_ERRORS.passkeyWrongCeremony);
  return ceremony;
}
