import { z } from "@hono/zod-openapi";
import { ClientContext } from "../audit/schemas";
import { fromBase64Url } from "../crypto/encoding";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { User, UserParams } from "../users/schemas";
import { RpId } from "./policy";

export const Passkey = z
  .object({
    id: z.string(),
    rpId: z.string(),
    credentialId: z.string(),
    publicKey: z.string().openapi({ description: "COSE public key, base64url." }),
    signCount: z.number().int(),
    transports: z.array(z.string()),
    aaguid: z.string(),
    attestationFormat: z.string(),
    userHandle: z.string(),
    backupEligible: z.boolean(),
    backupState: z.boolean(),
    userVerified: z.boolean(),
    status: z.enum(["ACTIVE", "DISABLED"]),
    name: z.string().nullable(),
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
    lastAuthenticatedWithDtm: Dtm.nullable(),
  })
  .openapi("Passkey");

/** Base64url (canonical, no padding) of `min`–`max` bytes. */
function base64UrlBytes(min: number, max: number) {
  return z.string().refine((text) => {
    try {
      const length = fromBase64Url(text).length;
      return length >= min && length <= max;
    } catch {
      return false;
    }
  }, `base64url of ${min}–${max} bytes`);
}

const Challenge = base64UrlBytes(32, 96).optional().openapi({ description: "Only when the policy has allowExternalChallenge." });

export const StartRegistration = z
  .object({
    userName: z.string().min(1).max(128).optional(),
    displayName: z.string().min(1).max(128).optional(),
    userHandle: base64UrlBytes(1, 64).optional().openapi({ description: "Used when the user has none for the rpId yet." }),
    challenge: Challenge,
  })
  .strict();

export const StartStoreRegistration = StartRegistration.extend({
  extId: z.string().min(1).max(256),
  createUser: z.boolean().optional().openapi({ description: "Create the user when no user has this extId." }),
}).strict();

export const StartAuthentication = z.object({ challenge: Challenge }).strict();

const JsonObject = z.record(z.string(), z.unknown());

export const Failure = z.object({ reason: z.enum(["FAILED", "CANCELLED", "TIMEOUT"]) }).strict();

const completion = {
  response: JsonObject.optional().openapi({ description: "RegistrationResponseJSON / AuthenticationResponseJSON (WebAuthn L3)." }),
  failure: Failure.optional().openapi({ description: "What went wrong on the client instead of a response." }),
  context: ClientContext.optional(),
};

export const CompleteRegistration = z.object({ ...completion, name: z.string().min(1).max(64).optional() }).strict();
export const CompleteRegistrationExternal = CompleteRegistration.extend({ sessionData: z.string().max(8192).optional() }).strict();
export const CompleteAuthentication = z.object(completion).strict();
export const CompleteAuthenticationExternal = CompleteAuthentication.extend({ sessionData: z.string().max(8192).optional() }).strict();

export const Started = z
  .object({
    sessionId: z.string().optional().openapi({ description: "INTERNAL session management." }),
    sessionData: z.string().optional().openapi({ description: "EXTERNAL session management: send it back with the response." }),
    publicKey: JsonObject.openapi({ description: "PublicKeyCredentialCreationOptionsJSON / PublicKeyCredentialRequestOptionsJSON, with hints." }),
    expirationDtm: Dtm,
  })
  .openapi("PasskeyCeremonyStarted");

export const UserPasskeyParams = UserParams.extend({ rpId: RpId, policyName: ResourceName });
export const StorePasskeyParams = z.object({ storeName: ResourceName, rpId: RpId, policyName: ResourceName }).strict();
export const SessionParams = z.object({ storeName: ResourceName, sessionId: z.string().min(1).max(64) }).strict();
export const PasskeyIdParams = UserParams.extend({ id: z.string().min(1).max(64) });
export const UpdatePasskey = z.object({ status: z.enum(["ACTIVE", "DISABLED"]).optional(), name: z.string().min(1).max(64).optional() }).strict();

export const Registered = z.object({ user: User, passkey: Passkey }).openapi("PasskeyRegistered");
export const Authenticated = Registered.extend({ authenticationId: z.string() }).openapi("PasskeyAuthenticated");
