import { requestScope } from "../../http/context";
import { defineRoute, defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requireStore } from "../../stores/storage";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
import { completeAuthentication, startAuthentication } from "../authentication";
import { Authenticated, CompleteAuthentication, CompleteAuthenticationExternal, SessionParams, Started, StartAuthentication, StorePasskeyParams, UserPasskeyParams } from "../schemas";

const S = "/api/identity-store/stores/{storeName}";
const COMPLETE_NOTES =
  "Body: `response` (AuthenticationResponseJSON) or `failure` (→ 397/398/403). The credential must be known (362), the user's (363), offered (364) or — usernameless — carry the matching user handle (364/365), and ACTIVE (348). Then type (352), challenge (353), origin (382/383/354), token binding (356), backup flags (342), signature (340) and user verification (341) are checked; a sign counter that does not increase → 372 and the passkey is DISABLED. Failures count as failed passkey attempts (user + `passkey`; 2100/2101/2102 while locked or disabled) and carry the user; every attempt is audited.";

export const startUserPasskeyAuthentication = defineUserRoute(
  {
    method: "post",
    path: `${S}/users/{userId}/passkeys/relyingParties/{rpId}/authentications/{policyName}`,
    operationId: "startPasskeyAuthentication",
    errors: [364, 502, 2100, 2101, 2102, 2201],
    tags: ["Passkeys"],
    summary: "Start a passkey authentication for a user",
    description: "allowCredentials = the user's ACTIVE passkeys for the rpId (none → 400/364). Locks are checked first (2100/2101/2102).",
    scope: "auth",
    request: { params: UserPasskeyParams, body: jsonBody(StartAuthentication) },
    responses: { 201: jsonResponse(Started, "Request options and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { store, view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, policyName } = c.req.valid("param");
    return c.json(await startAuthentication(scope, c.get("summaries"), store, view, rpId, policyName, c.req.valid("json").challenge), 201);
  },
);

export const startUsernamelessPasskeyAuthentication = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/relyingParties/{rpId}/authentications/{policyName}`,
    operationId: "startUsernamelessPasskeyAuthentication",
    errors: [2201],
    tags: ["Passkeys"],
    summary: "Start a usernameless (discoverable credential) passkey authentication",
    description: "Empty allowCredentials; the user is found from the credential and its user handle at completion.",
    scope: "auth",
    request: { params: StorePasskeyParams, body: jsonBody(StartAuthentication) },
    responses: { 201: jsonResponse(Started, "Request options and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { storeName, rpId, policyName } = c.req.valid("param");
    const store = await requireStore(scope.db, scope.caller.tenant, storeName);
    return c.json(await startAuthentication(scope, c.get("summaries"), store, null, rpId, policyName, c.req.valid("json").challenge), 201);
  },
);

export const completePasskeyAuthentication = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/authentications/sessions/{sessionId}`,
    operationId: "completePasskeyAuthentication",
    errors: [340, 341, 342, 348, 352, 353, 354, 356, 362, 363, 364, 365, 372, 382, 383, 395, 397, 398, 403, 2100, 2101, 2102, 9011],
    tags: ["Passkeys"],
    summary: "Complete a passkey authentication (INTERNAL session)",
    description: `${COMPLETE_NOTES} The session is consumed by this call (expired or used → 9011).`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(CompleteAuthentication) },
    responses: { 200: jsonResponse(Authenticated, "Authenticated.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    return c.json(await completeAuthentication(requestScope(c), c.get("summaries"), storeName, { sessionId }, c.req.valid("json")), 200);
  },
);

export const completePasskeyAuthenticationExternal = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/authentications`,
    operationId: "completePasskeyAuthenticationExternal",
    errors: [340, 341, 342, 348, 352, 353, 354, 356, 362, 363, 364, 365, 372, 382, 383, 384, 386, 387, 388, 394, 395, 397, 398, 403, 2100, 2101, 2102, 9011],
    tags: ["Passkeys"],
    summary: "Complete a passkey authentication (EXTERNAL session management)",
    description: `With the sealed \`sessionData\` (384/386/387/394/388; expired, tampered or replayed → 9011). ${COMPLETE_NOTES}`,
    scope: "auth",
    request: { params: SessionParams.pick({ storeName: true }), body: jsonBody(CompleteAuthenticationExternal) },
    responses: { 200: jsonResponse(Authenticated, "Authenticated.") },
  },
  async (c) => {
    const { sessionData, ...body } = c.req.valid("json");
    return c.json(await completeAuthentication(requestScope(c), c.get("summaries"), c.req.valid("param").storeName, { sessionData }, body), 200);
  },
);
