import { ApiError } from "../../http/errors";
import { requestScope } from "../../http/context";
import { defineRoute, defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import { loadUser } from "../../users/view";
import { completeAuthentication, completeSingleShot, startAuthentication } from "../authentication";
import { APPKEY_ERRORS } from "../errors";
import { completeRegistration, startRegistration } from "../registration";
import {
  Authenticated,
  AuthenticationStarted,
  CompleteAuthentication,
  CompleteAuthenticationExternal,
  CompleteRegistration,
  CompleteRegistrationExternal,
  Registered,
  RegistrationStarted,
  SessionParams,
  StartAuthentication,
  StartRegistration,
  UserAppkeyPolicyParams,
} from "../schemas";

const S = "/api/identity-store/stores/{storeName}";
const TAGS = ["Appkeys"];
const FC =
  "The response's fcParams must name the relying party's appID (else 1098), a trusted facet (1026) and the request's challenge (1029); FINAL_CHALLENGE = SHA-256 of the fcParams string as received (mismatch 1029).";
const REG_NOTES = `Body: \`fidoRegistrationResponse\` (the UAF client's RegistrationResponse, a JSON string) or \`failure\` ({reason: FAILED|CANCELLED} → 1104/1105; malformed → 1102; neither → 1115). Unreadable message/TLV → 1091, no assertion 1092, several 1093, not a Reg message 1108. ${FC} Key type outside the policy → 1035; AAID not accepted 1099; algorithm/key unusable 1100; attestation signature bad 1096; attestation not chaining to trustRoots[aaid] (when configured, or policy VERIFIED) 1097; a KeyID already registered → 409/1101. Failures carry the user; every outcome writes a REGISTRATION audit record (type Appkey).`;
const AUTH_NOTES = `Body: \`fidoAuthenticationResponse\` (AuthenticationResponse JSON string) or \`failure\` (1104/1105/1102/1115). Unreadable → 1091/1092/1093, not an Auth message 1017. The KeyID must be registered (1058), the user's (1059), ACTIVE (1060), of a key type of the policy (1035). ${FC} Signature 1095; transaction hash 1103; a counter not above the stored one (unless both 0) → 1061 and the appkey is DISABLED. Signature, fcParams and counter failures count as failed \`appkey\` attempts (user + modality; 2100/2101/2102 while locked); every attempt is audited (type Appkey, appkeyInfo).`;

export const startAppkeyRegistration = defineUserRoute(
  {
    method: "post",
    path: `${S}/users/{userId}/appkeys/relyingParties/{rpId}/registrations/{policyName}`,
    operationId: "startAppkeyRegistration",
    errors: [502, 2201],
    tags: TAGS,
    summary: "Start an appkey (FIDO UAF) registration for a user",
    description:
      "Returns `fidoRegistrationRequest`, the UAF RegistrationRequest (JSON string) to hand to the app's UAF client, and `sessionId` (INTERNAL) or sealed `sessionData` (EXTERNAL). The policy's `accepted` criteria list, per allowed key type, its userVerification bits (DEVICE 0x84, BIOMETRIC 0x15A, DEVICE_AND_BIOMETRIC 0x406) and the AAIDs or the UAFV1TLV scheme and algorithms. Unknown relying party or policy → 400/2201; user not active → 400/502.",
    scope: "auth",
    request: { params: UserAppkeyPolicyParams, body: jsonBody(StartRegistration) },
    responses: { 201: jsonResponse(RegistrationStarted, "The UAF request and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { store, view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, policyName } = c.req.valid("param");
    return c.json(await startRegistration(scope, store, view, rpId, policyName), 201);
  },
);

export const completeAppkeyRegistration = defineRoute(
  {
    method: "post",
    path: `${S}/appkeys/registrations/sessions/{sessionId}`,
    operationId: "completeAppkeyRegistration",
    errors: [502, 1014, 1026, 1029, 1035, 1091, 1092, 1093, 1096, 1097, 1098, 1099, 1100, 1101, 1102, 1104, 1105, 1108, 1115, 2201, 9011],
    tags: TAGS,
    summary: "Complete an appkey registration (INTERNAL session)",
    description: `${REG_NOTES} The session is consumed by this call (expired or used → 9011; another tenant's → 404, not consumed; an authentication session → 1108). sessionData here → 1014.`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(CompleteRegistration) },
    responses: { 200: jsonResponse(Registered, "The user and the new appkey.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    const { sessionData, ...body } = c.req.valid("json");
    if (sessionData !== undefined) throw new ApiError(APPKEY_ERRORS.sessionDataInInternalMode);
    return c.json(await completeRegistration(requestScope(c), c.get("summaries"), storeName, { sessionId }, body), 200);
  },
);

export const completeAppkeyRegistrationExternal = defineRoute(
  {
    method: "post",
    path: `${S}/appkeys/registrations`,
    operationId: "completeAppkeyRegistrationExternal",
    errors: [502, 1009, 1011, 1012, 1014, 1026, 1029, 1035, 1055, 1091, 1092, 1093, 1096, 1097, 1098, 1099, 1100, 1101, 1102, 1104, 1105, 1108, 1115, 2201, 9011],
    tags: TAGS,
    summary: "Complete an appkey registration (EXTERNAL session management)",
    description: `With the sealed \`sessionData\`: missing → 1009, lacking challenge/rpId/policy → 1011/1012/1055, for an INTERNAL relying party → 1014; expired, tampered or replayed → 9011. ${REG_NOTES}`,
    scope: "auth",
    request: { params: SessionParams.pick({ storeName: true }), body: jsonBody(CompleteRegistrationExternal) },
    responses: { 200: jsonResponse(Registered, "The user and the new appkey.") },
  },
  async (c) => {
    const { sessionData, ...body } = c.req.valid("json");
    return c.json(await completeRegistration(requestScope(c), c.get("summaries"), c.req.valid("param").storeName, { sessionData }, body), 200);
  },
);

export const startAppkeyAuthentication = defineUserRoute(
  {
    method: "post",
    path: `${S}/users/{userId}/appkeys/relyingParties/{rpId}/authentications/{policyName}`,
    operationId: "startAppkeyAuthentication",
    errors: [1110, 2100, 2101, 2102, 2201],
    tags: TAGS,
    summary: "Start an appkey (FIDO UAF) authentication for a user",
    description:
      "Returns `fidoAuthenticationRequest` (UAF AuthenticationRequest JSON string) naming, per key type of the policy, the user's ACTIVE appkeys (AAIDs and KeyIDs; none → 400/1110). With `transaction` ({contentType: text/plain, content: the text}) the request carries it base64url-encoded and the assertion must confirm its SHA-256 (authenticationMode 2). Locks are checked first (2100/2101/2102).",
    scope: "auth",
    request: { params: UserAppkeyPolicyParams, body: jsonBody(StartAuthentication) },
    responses: { 201: jsonResponse(AuthenticationStarted, "The UAF request and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { store, view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, policyName } = c.req.valid("param");
    return c.json(await startAuthentication(scope, c.get("summaries"), store, view, rpId, policyName, c.req.valid("json").transaction), 201);
  },
);

export const completeAppkeyAuthentication = defineRoute(
  {
    method: "post",
    path: `${S}/appkeys/authentications/sessions/{sessionId}`,
    operationId: "completeAppkeyAuthentication",
    errors: [1014, 1017, 1026, 1029, 1035, 1058, 1059, 1060, 1061, 1091, 1092, 1093, 1095, 1098, 1100, 1102, 1103, 1104, 1105, 1108, 1115, 2100, 2101, 2102, 2201, 9011],
    tags: TAGS,
    summary: "Complete an appkey authentication (INTERNAL session)",
    description: `${AUTH_NOTES} The session is consumed (expired or used → 9011; another tenant's → 404, not consumed; a registration session → 1108). sessionData here → 1014.`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(CompleteAuthentication) },
    responses: { 200: jsonResponse(Authenticated, "Authenticated.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    const { sessionData, ...body } = c.req.valid("json");
    if (sessionData !== undefined) throw new ApiError(APPKEY_ERRORS.sessionDataInInternalMode);
    return c.json(await completeAuthentication(requestScope(c), c.get("summaries"), storeName, { sessionId }, body), 200);
  },
);

export const completeAppkeyAuthenticationExternal = defineRoute(
  {
    method: "post",
    path: `${S}/appkeys/authentications`,
    operationId: "completeAppkeyAuthenticationExternal",
    errors: [1009, 1011, 1012, 1014, 1017, 1026, 1029, 1035, 1055, 1056, 1058, 1059, 1060, 1061, 1090, 1091, 1092, 1093, 1094, 1095, 1098, 1100, 1102, 1103, 1104, 1105, 1106, 1107, 1108, 1115, 2100, 2101, 2102, 2201, 9011],
    tags: TAGS,
    summary: "Complete an appkey authentication: EXTERNAL sessionData, or single-shot",
    description: `EXTERNAL: \`{ sessionData, fidoAuthenticationResponse }\` (1009/1011/1012/1055/1014; 9011). Single-shot (any sessionManagement, no start call): \`{ rpId, authPolicyName, fidoAuthenticationRequest, fidoAuthenticationResponse }\`, the request built by the client with challenge = base64url(8-byte big-endian Unix ms ‖ 16–56 random bytes); missing rpId 1012, policy name 1056, malformed request/challenge 1107, policy without singleShot.enabled 1106, |now − t| > windowSec 1090, a challenge used before 1094 (remembered until t + windowSec); the user is the owner of the assertion's KeyID (unknown 1058). ${AUTH_NOTES}`,
    scope: "auth",
    request: { params: SessionParams.pick({ storeName: true }), body: jsonBody(CompleteAuthenticationExternal) },
    responses: { 200: jsonResponse(Authenticated, "Authenticated.") },
  },
  async (c) => {
    const { storeName } = c.req.valid("param");
    const { sessionData, rpId, authPolicyName, fidoAuthenticationRequest, ...body } = c.req.valid("json");
    const scope = requestScope(c);
    if (sessionData === undefined && (rpId !== undefined || authPolicyName !== undefined || fidoAuthenticationRequest !== undefined)) {
      if (body.failure !== undefined) throw new ApiError(APPKEY_ERRORS.clientFailureMalformed, { message: "A single-shot authentication has no failure report." });
      return c.json(await completeSingleShot(scope, c.get("summaries"), storeName, { rpId, authPolicyName, fidoAuthenticationRequest, fidoAuthenticationResponse: body.fidoAuthenticationResponse, context: body.context }), 200);
    }
    return c.json(await completeAuthentication(scope, c.get("summaries"), storeName, { sessionData }, body), 200);
  },
);
