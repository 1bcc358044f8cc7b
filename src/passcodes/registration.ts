import { refuse, runAttempt } from "../attempts/run";
import { toHex } from "../crypto/encoding";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../db/ids";
import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import type { SummarySource } from "../users/view";
import { passcodeAudit } from "./audit";
import { resumePasscodeCeremony, type RegistrationSessionData } from "./ceremony";
import { PASSCODE_ERRORS } from "./errors";
import { expiryFrom } from "./expiry";
import { passcodePolicy } from "./policy-lookup";
import { renderPasscode, passcodeAuditBlocks } from "./render";
import { insertPasscodeStatement, type PasscodeRow } from "./storage";
import { passcodeForPolicy } from "./summary";
import { suiteOf } from "./suite";
import { sealVerifier } from "./verifier-box";
import { groupElement, saltBytes } from "./wire";

export interface RegistrationBody {
  salt: string;
  verifier: string;
  context?: Record<string, unknown>;
}

/**
 * Completes a registration: stores salt and (encrypted) verifier as an ACTIVE passcode. No secret
 * is verified, so the attempt is not counted; every outcome is audited as a REGISTRATION.
 */
export async function completeRegistration(scope: RequestScope, sources: readonly SummarySource[], storeName: string, sessionId: string, body: RegistrationBody) {
  const data = await resumePasscodeCeremony<RegistrationSessionData>(scope, storeName, sessionId, "passcode-registration");
  const { db, now } = scope;
  const exists = () => new ApiError(PASSCODE_ERRORS.passcodeExists);
  return runAttempt(scope, sources, {
    modality: "passcode",
    counted: false,
    target: { tenant: scope.caller.tenant, storeName, ref: { by: "id", value: data.userId } },
    audit: () => ({ ...passcodeAudit(scope.meta, data.policyName, undefined, now, body.context), event: "REGISTRATION" }),
    async verify({ store, view }) {
      const policy = passcodePolicy(store, data.policyName);
      const suite = suiteOf(data);
      const salt = saltBytes(body.salt);
      const v = groupElement(suite, body.verifier, "verifier");
      const existing = passcodeForPolicy(view, data.policyName);
      if (existing) return refuse(exists(), false, { audit: about(existing) });

      const id = newId(now);
      const row: PasscodeRow = {
        id,
        userId: view.user.id,
        policyName: data.policyName,
        status: "ACTIVE",
        srpGroup: data.srpGroup,
        srpHash: data.srpHash,
        srpProfile: data.srpProfile,
        salt: toHex(salt),
        sealedVerifier: await sealVerifier(scope.env, id, v),
        createdAt: now,
        updatedAt: now,
        activatedAt: now,
        expiresAt: expiryFrom(now, policy.expiryDays),
        lastAuthenticatedAt: null,
      };
      return {
        ok: true,
        writes: [insertPasscodeStatement(db, row)],
        audit: about(row),
        respond: (user) => ({ user, passcode: renderPasscode(row) }),
        // a registration completed concurrently for the same policy
        onWriteError: (error) => (isUniqueViolation(error) ? refuse(exists()) : undefined),
      };
    },
  });

  function about(row: PasscodeRow) {
    return { credentialId: row.id, ...passcodeAuditBlocks(row, data.policyName, now) };
  }
}
