import { requestScope } from "../../http/context";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { completeProof } from "../proof";
import { completeRegistration } from "../registration";
import { Authenticated, AuthenticationCompletion, RegistrationCompletion, RenewalCompletion, SessionParams, UserAndPasscode } from "../schemas";

const sessions = "/api/identity-store/stores/{storeName}/passcodes";
const SESSION_RULES =
  "The session is consumed by this call whatever the outcome (expired or already used → 400/9011). A session of another store (or tenant) does not exist here (404/9002), one of another passcode ceremony → 400/2406; neither is consumed.";

export const completePasscodeRegistration = defineRoute(
  {
    method: "post",
    path: `${sessions}/registrations/sessions/{sessionId}`,
    operationId: "completePasscodeRegistration",
    errors: [2402, 2405, 2406, 9011],
    tags: ["Passcodes"],
    summary: "Complete a passcode registration",
    description: `Stores salt (16–64 bytes) and verifier (1 < v < N) as an ACTIVE passcode; invalid values → 400/2405. ${SESSION_RULES}`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(RegistrationCompletion) },
    responses: { 200: jsonResponse(UserAndPasscode, "The user and the new passcode.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    return c.json(await completeRegistration(requestScope(c), c.get("summaries"), storeName, sessionId, c.req.valid("json")), 200);
  },
);

export const completePasscodeAuthentication = defineRoute(
  {
    method: "post",
    path: `${sessions}/authentications/sessions/{sessionId}`,
    operationId: "completePasscodeAuthentication",
    errors: [2100, 2101, 2102, 2404, 2405, 2406, 9011],
    tags: ["Passcodes"],
    summary: "Complete a passcode authentication",
    description: `Checks the client's proof M1 and returns the server's proof M2. Wrong proof → 400/2404 (a failed passcode attempt, with the user); A ≡ 0 mod N, u = 0 or malformed values → 2405. ${SESSION_RULES}`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(AuthenticationCompletion) },
    responses: { 200: jsonResponse(Authenticated, "Authenticated.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    return c.json(await completeProof(requestScope(c), c.get("summaries"), storeName, sessionId, "passcode-authentication", c.req.valid("json")), 200);
  },
);

export const completePasscodeRenewal = defineRoute(
  {
    method: "post",
    path: `${sessions}/renewals/sessions/{sessionId}`,
    operationId: "completePasscodeRenewal",
    errors: [2404, 2405, 2406, 9011],
    tags: ["Passcodes"],
    summary: "Complete a passcode renewal",
    description: `Proves the current passcode (A, M1), then replaces salt and verifier and restarts expirationDtm. Errors as for authentication. ${SESSION_RULES}`,
    scope: "auth",
    request: { params: SessionParams, body: jsonBody(RenewalCompletion) },
    responses: { 200: jsonResponse(Authenticated, "Renewed.") },
  },
  async (c) => {
    const { storeName, sessionId } = c.req.valid("param");
    return c.json(await completeProof(requestScope(c), c.get("summaries"), storeName, sessionId, "passcode-renewal", c.req.valid("json")), 200);
  },
);
