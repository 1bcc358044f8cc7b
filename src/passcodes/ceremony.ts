import type { RequestScope } from "../http/context";
import { openCeremony, resumeCeremony, type CeremonyCodes } from "../sessions/ceremony";
import type { CeremonyBinding } from "../sessions/sessions";
import { PASSCODE_ERRORS } from "./errors";
import { parseHexNumber } from "./srp/bigint";
import type { SuiteChoice } from "./suite";

export type ProofKind = "passcode-authentication" | "passcode-renewal";
export type CeremonyKind = ProofKind | "passcode-registration";

/** What every passcode session carries: whose ceremony it is and under which policy. */
interface CeremonySubject {
  userId: string;
  policyName: string;
}

/** Authentication and renewal: the passcode challenged and the server's ephemeral pair. */
export interface ProofSessionData extends CeremonySubject {
  passcodeId: string;
  b: string;
  B: string;
}

/** Registration: the policy's SRP choice at the start, so a policy change in between does not alter it. */
export type RegistrationSessionData = CeremonySubject & SuiteChoice;

const CODES: CeremonyCodes = { otherKind: PASSCODE_ERRORS.sessionMismatch };

const bindingOf = (scope: RequestScope, storeName: string, kind: CeremonyKind): CeremonyBinding => ({ tenant: scope.caller.tenant, storeName, kind });

/** A passcode ceremony always waits in a Durable Object (INTERNAL): its secrets never leave the server. */
export async function openPasscodeCeremony(scope: RequestScope, storeName: string, kind: CeremonyKind, data: ProofSessionData | RegistrationSessionData, ttlSec: number) {
  const opened = await openCeremony(scope.env, "INTERNAL", bindingOf(scope, storeName, kind), data, ttlSec, scope.now);
  return opened as { sessionId: string; expirationDtm: string }; // INTERNAL, with a set expiry
}

/**
 * Takes the session of a complete call out for good. Of another tenant or store → 404/9002, of
 * another passcode ceremony → 2406, neither consumed; expired or used → 9011.
 */
export async function resumePasscodeCeremony<D extends ProofSessionData | RegistrationSessionData>(scope: RequestScope, storeName: string, sessionId: string, kind: CeremonyKind): Promise<D> {
  // INTERNAL sessions come back as stored; the challenge/rpId fields of CeremonyData concern EXTERNAL ones only
  return (await resumeCeremony(scope.env, { sessionId }, bindingOf(scope, storeName, kind), CODES, scope.now)) as unknown as D;
}

export function sessionSecrets(data: ProofSessionData) {
  return { b: parseHexNumber(data.b)!, B: parseHexNumber(data.B)! };
}
