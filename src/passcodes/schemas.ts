import { z } from "@hono/zod-openapi";
import { ClientContext } from "../audit/schemas";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { User, UserParams } from "../users/schemas";

const Hex = z.string().max(4096).openapi({ description: "Lowercase hex, no 0x." });

export const Passcode = z
  .object({
    id: z.string(),
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
    status: z.enum(["ACTIVE", "DISABLED"]),
    policyName: z.string(),
    protocol: z.literal("SRP"),
    srpGroup: z.number().int(),
    srpHash: z.string(),
    srpProfile: z.string(),
    activatedDtm: Dtm.nullable(),
    expirationDtm: Dtm.nullable(),
    lastAuthenticatedWithDtm: Dtm.nullable(),
  })
  .openapi("Passcode");

export const SrpAnnouncement = z
  .object({
    group: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]),
    hash: z.enum(["SHA-256", "SHA-512"]),
    profile: z.enum(["rfc5054", "nimbus"]),
    N: Hex,
    g: Hex,
  })
  .openapi("SrpParameters", { description: "The group (RFC 5054 Appendix A), hash and profile of the exchange." });

export const PasscodePolicyParams = UserParams.extend({ policyName: ResourceName });
export const PasscodeIdParams = UserParams.extend({ id: z.string().min(1).max(64) });
export const SessionParams = z.object({ storeName: ResourceName, sessionId: z.string().min(1).max(64) }).strict();

export const RegistrationStarted = z
  .object({
    sessionId: z.string(),
    expirationDtm: Dtm,
    identity: z.string().openapi({ description: "I: the identity to use in x (the user's internal id)." }),
    srp: SrpAnnouncement,
    policy: z.object({ type: z.enum(["PIN", "PASSWORD"]), minLength: z.number().int(), maxLength: z.number().int() }),
  })
  .openapi("PasscodeRegistrationStarted");

export const ProofStarted = z
  .object({
    sessionId: z.string(),
    expirationDtm: Dtm,
    identity: z.string(),
    salt: Hex,
    B: Hex,
    srp: SrpAnnouncement,
  })
  .openapi("PasscodeChallenge");

export const RegistrationCompletion = z.object({ salt: Hex.openapi({ description: "16–64 bytes." }), verifier: Hex.openapi({ description: "v = g^x mod N, 1 < v < N." }), context: ClientContext.optional() }).strict();
export const AuthenticationCompletion = z.object({ A: Hex, M1: Hex, context: ClientContext.optional() }).strict();
export const RenewalCompletion = z.object({ A: Hex, M1: Hex, salt: Hex, verifier: Hex, context: ClientContext.optional() }).strict();

export const UserAndPasscode = z.object({ user: User, passcode: Passcode });
export const Authenticated = UserAndPasscode.extend({ M2: Hex.openapi({ description: "The server's proof, for the client to verify." }), authenticationId: z.string() }).openapi("PasscodeAuthenticated");

export const UpdatePasscode = z
  .object({ status: z.enum(["ACTIVE", "DISABLED"]).optional(), expirationDtm: Dtm.nullable().optional().openapi({ description: "null = never expires." }) })
  .strict();
