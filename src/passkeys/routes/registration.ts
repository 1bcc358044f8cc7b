import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { defineRoute, defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { requireStore } from "../../stores/storage";
import { userTarget } from "../../users/context";
import { createUser } from "../../users/create";
import { loadUser, type UserView } from "../../users/view";
import { completeRegistration, registrationPolicy, startRegistration } from "../registration";
import { CompleteRegistration, CompleteRegistrationExternal, Registered, SessionParams, Started, StartRegistration, StartStoreRegistration, StorePasskeyParams, UserPasskeyParams } from "../schemas";

const S = "/api/identity-store/stores/{storeName}";
const START_NOTES =
  "Returns PublicKeyCredentialCreationOptionsJSON (with the policy's hints) and a sessionId (INTERNAL) or sealed sessionData (EXTERNAL). The user handle is kept at attributes.passkeyUsers[rpId].USER_HANDLE. Unknown relying party or policy → 400/2201; user not active → 400/502.";
const COMPLETE_NOTES =
  "Body: `response` (RegistrationResponseJSON) or `failure` ({reason: FAILED|CANCELLED|TIMEOUT} → 397/398/403); neither → 395. Checks: type (352), challenge (353), origin https (382; http only on localhost), origin within rpId (383), restrictedOrigins (354), token binding (356), backup flags (342), attestation and user verification per policy (340/341), allowed AAGUIDs (343). A credential already registered → 409/9003. Failures carry the user; every outcome writes a REGISTRATION audit record.";

export const startUserPasskeyRegistration = defineUserRoute(
  {
    method: "post",
    path: `${S}/users/{userId}/passkeys/relyingParties/{rpId}/registrations/{policyName}`,
    operationId: "startPasskeyRegistration",
    errors: [502, 2201],
    tags: ["Passkeys"],
    summary: "Start a passkey registration for a user",
    description: START_NOTES,
    scope: "auth",
    request: { params: UserPasskeyParams, body: jsonBody(StartRegistration) },
    responses: { 201: jsonResponse(Started, "Creation options and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { store, view } = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, policyName } = c.req.valid("param");
    return c.json(await startRegistration(scope, store, view, rpId, policyName, c.req.valid("json")), 201);
  },
);

export const startStorePasskeyRegistration = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/relyingParties/{rpId}/registrations/{policyName}`,
    operationId: "startPasskeyRegistrationForExtId",
    errors: [502, 2201],
    tags: ["Passkeys"],
    summary: "Start a passkey registration for a user named by extId (optionally creating the user)",
    description: `Finds the user by \`extId\`; with \`createUser: true\` a missing user is created with the store's defaults (else 404/9002). ${START_NOTES}`,
    scope: "auth",
    request: { params: StorePasskeyParams, body: jsonBody(StartStoreRegistration) },
    responses: { 201: jsonResponse(Started, "Creation options and the ceremony handle.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { db, caller, now } = scope;
    const { storeName, rpId, policyName } = c.req.valid("param");
    const { extId, createUser: create, ...request } = c.req.valid("json");
    let loaded;
    try {
      loaded = await loadUser(db, c.get("summaries"), { tenant: caller.tenant, storeName, ref: { by: "extId", value: extId } }, now);
    } catch (error) {
      if (!(create && error instanceof ApiError && error.def === ERRORS.notFound)) throw error;
      // the store, then the new user: two more round trips, only when the user is created
      const store = await requireStore(db, caller.tenant, storeName);
      registrationPolicy(store, rpId, policyName, request);
      const view: UserView = { user: await createUser(db, store, { extId }, now), modalities: [], inFlight: [], credentials: {} };
      loaded = { store, view };
    }
    return c.json(await startRegistration(scope, loaded.store, loaded.view, rpId, policyName, request), 201);
  },
);

export const completePasskeyRegistration = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/registrations/sessions/{sessionId}`,
    operationId: "completePasskeyRegistration",
    errors: [340, 341, 342, 343, 352, 353, 354, 356, 382, 383, 395, 397, 398, 403, 9003, 9011],
    tags: ["Passkeys"],
    summary: "Complete a passkey registration (INTERNAL session)",
    description: `${COMPLETE_NOTES} The session is consumed by this call (expired or used → 9011).`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(CompleteRegistration) },
    responses: { 200: jsonResponse(Registered, "The user and the new passkey.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    return c.json(await completeRegistration(requestScope(c), c.get("summaries"), storeName, { sessionId }, c.req.valid("json")), 200);
  },
);

export const completePasskeyRegistrationExternal = defineRoute(
  {
    method: "post",
    path: `${S}/passkeys/registrations`,
    operationId: "completePasskeyRegistrationExternal",
    errors: [340, 341, 342, 343, 352, 353, 354, 356, 382, 383, 384, 386, 387, 388, 394, 395, 397, 398, 403, 9003, 9011],
    tags: ["Passkeys"],
    summary: "Complete a passkey registration (EXTERNAL session management)",
    description: `With the sealed \`sessionData\` from the start call: missing → 384, lacking challenge/rpId/policy → 386/387/394, for an INTERNAL relying party → 388, expired, tampered or replayed → 9011. ${COMPLETE_NOTES}`,
    scope: "auth",
    request: { params: SessionParams.pick({ storeName: true }), body: jsonBody(CompleteRegistrationExternal) },
    responses: { 200: jsonResponse(Registered, "The user and the new passkey.") },
  },
  async (c) => {
    const { sessionData, ...body } = c.req.valid("json");
    return c.json(await completeRegistration(requestScope(c), c.get("summaries"), c.req.valid("param").storeName, { sessionData }, body), 200);
  },
);
