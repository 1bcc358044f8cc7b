import type { RequestScope } from "../http/context";
import { ApiError } from "../http/errors";
import { assertCanAuthenticate } from "../locking/state";
import { renderUser } from "../users/render";
import { loadUser, type SummarySource, type UserTarget } from "../users/view";
import { openPasscodeCeremony, type ProofKind } from "./ceremony";
import { PASSCODE_ERRORS } from "./errors";
import { passcodePolicy } from "./policy-lookup";
import { hexOf } from "./srp/bigint";
import { randomExponent, serverEphemeral } from "./srp/server";
import { passcodeForPolicy } from "./summary";
import { announce, suiteOf } from "./suite";
import { usable } from "./usable";
import { openVerifier } from "./verifier-box";

/** Start of authentication or renewal: the challenge (salt, B) in a fresh session. One read batch, one Durable Object call. */
export async function startProof(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, policyName: string, kind: ProofKind) {
  const { now } = scope;
  const { store, view } = await loadUser(scope.db, sources, target, now);
  const policy = passcodePolicy(store, policyName);
  try {
    assertCanAuthenticate(view.user, view.modalities, "passcode", now);
  } catch (error) {
    if (error instanceof ApiError) throw error.withUser(renderUser(view, sources, now));
    throw error;
  }
  const row = usable(passcodeForPolicy(view, policyName), kind, now);

  const b = randomExponent();
  const B = await serverEphemeral(suiteOf(row), await openVerifier(scope.env, row), b);
  const session = await openPasscodeCeremony(
    scope,
    target.storeName,
    kind,
    { userId: view.user.id, policyName, passcodeId: row.id, b: hexOf(b), B: hexOf(B) },
    policy.sessionTimeoutSec,
  );
  return { ...session, identity: view.user.id, salt: row.salt, B: hexOf(B), srp: announce(row) };
}

/** Start of registration: a session carrying the policy's SRP choice at this moment. */
export async function startRegistration(scope: RequestScope, sources: readonly SummarySource[], target: UserTarget, policyName: string) {
  const { store, view } = await loadUser(scope.db, sources, target, scope.now);
  const policy = passcodePolicy(store, policyName);
  if (passcodeForPolicy(view, policyName)) throw new ApiError(PASSCODE_ERRORS.passcodeExists);
  const choice = { srpGroup: policy.srpGroup, srpHash: policy.srpHash, srpProfile: policy.srpProfile };
  const session = await openPasscodeCeremony(scope, target.storeName, "passcode-registration", { userId: view.user.id, policyName, ...choice }, policy.sessionTimeoutSec);
  return {
    ...session,
    identity: view.user.id,
    srp: announce(choice),
    policy: { type: policy.type, minLength: policy.minLength, maxLength: policy.maxLength },
  };
}
