import { refuse, runAttempt } from "../attempts/run";
import { fromHex, toHex } from "../crypto/encoding";
import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import type { SummarySource } from "../users/view";
import { passcodeAudit } from "./audit";
import { resumePasscodeCeremony, sessionSecrets, type ProofKind, type ProofSessionData } from "./ceremony";
import { PASSCODE_ERRORS } from "./errors";
import { expiryFrom } from "./expiry";
import { passcodePolicy } from "./policy-lookup";
import { renderPasscode } from "./render";
import { verifyClientProof } from "./srp/server";
import { updatePasscodeStatement } from "./storage";
import { passcodeForPolicy } from "./summary";
import { suiteOf } from "./suite";
import { usable } from "./usable";
import { openVerifier, sealVerifier } from "./verifier-box";
import { clientEphemeral, groupElement, proofBytes, saltBytes } from "./wire";

export interface ProofBody {
  A: string;
  M1: string;
  context?: Record<string, unknown>;
  /** Renewal only: the new salt and verifier. */
  salt?: string;
  verifier?: string;
}

/**
 * Completes authentication or renewal: the session is taken first (one Durable Object call), then
 * the attempt runs (admission, passcode state, SRP values, proof). Only a wrong proof (2404) counts
 * as a failed attempt; every outcome is audited. Renewal replaces salt and verifier and restarts
 * the expiry in the same batch as the success.
 */
export async function completeProof(scope: RequestScope, sources: readonly SummarySource[], storeName: string, sessionId: string, kind: ProofKind, body: ProofBody) {
  const data = await resumePasscodeCeremony<ProofSessionData>(scope, storeName, sessionId, kind);
  const { now } = scope;
  return runAttempt(scope, sources, {
    modality: "passcode",
    counted: true,
    target: { tenant: scope.caller.tenant, storeName, ref: { by: "id", value: data.userId } },
    audit: ({ view }) => passcodeAudit(scope.meta, data.policyName, passcodeForPolicy(view, data.policyName), now, body.context),
    async verify({ store, view }) {
      const policy = passcodePolicy(store, data.policyName);
      const current = passcodeForPolicy(view, data.policyName);
      const row = usable(current?.id === data.passcodeId ? current : undefined, kind, now);
      const suite = suiteOf(row);
      const A = clientEphemeral(body.A);
      const M1 = proofBytes(suite, body.M1);
      const replacement = kind === "passcode-renewal" ? { salt: saltBytes(body.salt ?? ""), v: groupElement(suite, body.verifier ?? "", "verifier") } : null;

      const check = await verifyClientProof(suite, { identity: view.user.id, salt: fromHex(row.salt), v: await openVerifier(scope.env, row), ...sessionSecrets(data) }, A, M1);
      if (check.outcome === "invalid") throw new ApiError(PASSCODE_ERRORS.srpValueInvalid, { message: `Invalid SRP value: ${check.reason}.` });
      if (check.outcome === "mismatch") return refuse(new ApiError(PASSCODE_ERRORS.passcodeProofMismatch), true);

      const changes = {
        ...(replacement ? { salt: toHex(replacement.salt), sealedVerifier: await sealVerifier(scope.env, row.id, replacement.v), expiresAt: expiryFrom(now, policy.expiryDays) } : {}),
        lastAuthenticatedAt: now,
        updatedAt: now,
      };
      return {
        ok: true,
        credential: { key: "passcodes", statement: updatePasscodeStatement(scope.db, row.id, changes).returning() },
        respond: (user, authenticationId) => ({ user, passcode: renderPasscode({ ...row, ...changes }), M2: toHex(check.M2), authenticationId }),
      };
    },
  });
}
