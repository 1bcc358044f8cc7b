import { z } from "@hono/zod-openapi";
import { requestScope } from "../../http/context";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import { startProof, startRegistration } from "../start";
import { PasscodePolicyParams, ProofStarted, RegistrationStarted } from "../schemas";

const Empty = z.object({}).strict();
const base = "/api/identity-store/stores/{storeName}/users/{userId}/passcodes";

export const startPasscodeRegistration = defineUserRoute(
  {
    method: "post",
    path: `${base}/registrations/{policyName}`,
    operationId: "startPasscodeRegistration",
    errors: [502, 2201, 2402],
    tags: ["Passcodes"],
    summary: "Start a passcode registration",
    description:
      "Opens a registration session (lifetime: the policy's sessionTimeoutSec) and announces the SRP group, hash and profile and the identity I. The client derives salt and verifier from the passcode and completes with `POST …/passcodes/registrations/sessions/{sessionId}`. A passcode already registered for the policy → 409/2402 (use renewal); unknown policy → 400/2201.",
    scope: "auth",
    request: { params: PasscodePolicyParams, body: jsonBody(Empty) },
    responses: { 201: jsonResponse(RegistrationStarted, "The registration session.") },
  },
  async (c) => c.json(await startRegistration(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").policyName), 201),
);

export const startPasscodeAuthentication = defineUserRoute(
  {
    method: "post",
    path: `${base}/authentications/{policyName}`,
    operationId: "startPasscodeAuthentication",
    errors: [502, 2100, 2101, 2102, 2201, 2401, 2403, 2407],
    tags: ["Passcodes"],
    summary: "Start a passcode authentication (SRP challenge)",
    description:
      "Returns the salt and the server's public ephemeral B in a fresh authentication session. None registered → 400/2401; DISABLED → 2403; expired → 2407 (renew it); user or passcode modality locked → 2100/2101; user disabled → 2102.",
    scope: "auth",
    request: { params: PasscodePolicyParams, body: jsonBody(Empty) },
    responses: { 201: jsonResponse(ProofStarted, "The challenge.") },
  },
  async (c) => c.json(await startProof(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").policyName, "passcode-authentication"), 201),
);

export const startPasscodeRenewal = defineUserRoute(
  {
    method: "post",
    path: `${base}/renewals/{policyName}`,
    operationId: "startPasscodeRenewal",
    errors: [502, 2201, 2401, 2403],
    tags: ["Passcodes"],
    summary: "Start a passcode renewal",
    description: "As the authentication start, for proving the current passcode before replacing it; allowed when the passcode has expired.",
    scope: "auth",
    request: { params: PasscodePolicyParams, body: jsonBody(Empty) },
    responses: { 201: jsonResponse(ProofStarted, "The challenge.") },
  },
  async (c) => c.json(await startProof(requestScope(c), c.get("summaries"), userTarget(c), c.req.valid("param").policyName, "passcode-renewal"), 201),
);
