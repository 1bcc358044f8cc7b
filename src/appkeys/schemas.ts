import { z } from "@hono/zod-openapi";
import { ClientContext } from "../audit/schemas";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { User, UserParams } from "../users/schemas";
import { KeyType, RpId } from "./policy";

export const Appkey = z
  .object({
    id: z.string(),
    rpId: z.string(),
    aaid: z.string(),
    keyId: z.string().openapi({ description: "UAF KeyID, base64url." }),
    keyType: KeyType,
    publicKey: z.string().openapi({ description: "SPKI DER, base64url." }),
    algorithm: z.number().int().openapi({ description: "UAF signature algorithm (0x0001…0x0009)." }),
    signCounter: z.number().int(),
    attestationType: z.enum(["BASIC_FULL", "BASIC_SURROGATE"]),
    attestationVerified: z.boolean(),
    deviceId: z.string().nullable(),
    name: z.string().nullable(),
    status: z.enum(["ACTIVE", "DISABLED"]),
    hasPushToken: z.boolean().openapi({ description: "The push token itself is never returned." }),
    pushPlatform: z.string().nullable(),
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
    lastAuthenticatedWithDtm: Dtm.nullable(),
  })
  .openapi("Appkey");

const UafMessage = z.string().min(1).max(65536);
const JsonFailure = z.unknown().optional().openapi({ description: "`{ reason: \"FAILED\" | \"CANCELLED\" }` (→ 1104/1105); anything else → 1102." });
const Ignored1014 = z.unknown().optional().openapi({ description: "Not accepted here: sessionData sent to a sessions endpoint → 1014." });

const registrationFields = {
  fidoRegistrationResponse: UafMessage.optional().openapi({ description: "The UAF RegistrationResponse message (JSON string) as the UAF client produced it." }),
  failure: JsonFailure,
  keyType: KeyType.optional().openapi({ description: "The key type the app registered; default the policy's first. Outside the policy's keyTypes → 1035." }),
  deviceId: z.string().min(1).max(128).optional(),
  pushToken: z.string().min(1).max(4096).optional(),
  pushPlatform: z.string().min(1).max(32).optional(),
  name: z.string().min(1).max(64).optional(),
  context: ClientContext.optional(),
};

export const CompleteRegistration = z.object({ ...registrationFields, sessionData: Ignored1014 }).strict();
export const CompleteRegistrationExternal = z.object({ ...registrationFields, sessionData: z.string().max(8192).optional() }).strict();

const authenticationFields = {
  fidoAuthenticationResponse: UafMessage.optional().openapi({ description: "The UAF AuthenticationResponse message (JSON string)." }),
  failure: JsonFailure,
  context: ClientContext.optional(),
};

export const CompleteAuthentication = z.object({ ...authenticationFields, sessionData: Ignored1014 }).strict();
export const CompleteAuthenticationExternal = z
  .object({
    ...authenticationFields,
    sessionData: z.string().max(8192).optional().openapi({ description: "EXTERNAL: the sealed sessionData of the start call." }),
    rpId: z.string().max(253).optional().openapi({ description: "Single-shot: the relying party (missing → 1012)." }),
    authPolicyName: z.string().max(64).optional().openapi({ description: "Single-shot: the authentication policy (missing → 1056)." }),
    fidoAuthenticationRequest: UafMessage.optional().openapi({ description: "Single-shot: the request the client built itself (challenge = base64url(8-byte ms ‖ 16–56 random bytes))." }),
  })
  .strict();

export const Transaction = z
  .object({ contentType: z.literal("text/plain"), content: z.string().min(1).max(2048).openapi({ description: "The text shown to the user (plain UTF-8)." }) })
  .strict();
export const StartRegistration = z.object({}).strict();
export const StartAuthentication = z.object({ transaction: Transaction.optional() }).strict();

const started = {
  sessionId: z.string().optional().openapi({ description: "INTERNAL session management." }),
  sessionData: z.string().optional().openapi({ description: "EXTERNAL session management: send it back with the response." }),
  expirationDtm: Dtm,
};
export const RegistrationStarted = z.object({ ...started, fidoRegistrationRequest: z.string().openapi({ description: "UAF RegistrationRequest message (JSON string) for the UAF client." }) }).openapi("AppkeyRegistrationStarted");
export const AuthenticationStarted = z
  .object({ ...started, fidoAuthenticationRequest: z.string().openapi({ description: "UAF AuthenticationRequest message (JSON string) for the UAF client." }) })
  .openapi("AppkeyAuthenticationStarted");

export const RpParams = UserParams.extend({ rpId: RpId });
export const UserAppkeyPolicyParams = UserParams.extend({ rpId: RpId, policyName: ResourceName });
export const KeyIdParams = UserParams.extend({ rpId: RpId, keyId: z.string().min(1).max(4096) });
export const DeviceParams = UserParams.extend({ rpId: RpId, deviceId: z.string().min(1).max(128) });
export const SessionParams = z.object({ storeName: ResourceName, sessionId: z.string().min(1).max(64) }).strict();
export const AppkeyIdParams = UserParams.extend({ id: z.string().min(1).max(64) });
export const FacetsParams = z.object({ storeId: z.string().min(1).max(64), rpId: RpId }).strict();
export const UpdateAppkey = z
  .object({
    status: z.enum(["ACTIVE", "DISABLED"]).optional(),
    name: z.string().min(1).max(64).optional(),
    pushToken: z.string().min(1).max(4096).optional(),
    pushPlatform: z.string().min(1).max(32).optional(),
  })
  .strict();
export const PreferredDevice = z.object({ deviceId: z.string().min(1).max(128) }).strict();

export const Registered = z.object({ user: User, appkey: Appkey }).openapi("AppkeyRegistered");
export const Authenticated = Registered.extend({ authenticationId: z.string() }).openapi("AppkeyAuthenticated");
export const Deregistered = z
  .object({ user: User, fidoDeregistrationRequest: z.string().openapi({ description: "UAF DeregistrationRequest message (JSON string): hand it to the UAF client." }) })
  .openapi("AppkeyDeregistered");
export const UserOnly = z.object({ user: User }).openapi("AppkeyUserResult");
export const TrustedFacets = z
  .object({ trustedFacets: z.array(z.object({ version: z.object({ major: z.number(), minor: z.number() }), ids: z.array(z.string()) })) })
  .openapi("TrustedFacets");
