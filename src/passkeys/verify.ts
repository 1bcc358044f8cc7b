import { verifyAuthenticationResponse, verifyRegistrationResponse, type AuthenticationResponseJSON, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { decodeAttestationObject, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import { fromBase64Url } from "../crypto/encoding";
import { ApiError } from "../http/errors";
import { PASSKEY_ERRORS } from "./errors";

/** Base64url to bytes over a plain ArrayBuffer, as SimpleWebAuthn's types want. */
const bytes = (text: string) => new Uint8Array(fromBase64Url(text));

function flagsOf(authData: Uint8Array<ArrayBuffer>) {
  try {
    return parseAuthenticatorData(authData).flags;
  } catch {
    throw new ApiError(PASSKEY_ERRORS.passkeyVerificationFailed, { message: "authenticatorData is not valid." });
  }
}

/** BS (backed up) without BE (backup eligible) is impossible for an honest authenticator. */
function assertBackupFlags(flags: { be: boolean; bs: boolean }) {
  if (flags.bs && !flags.be) throw new ApiError(PASSKEY_ERRORS.passkeyBackupFlags);
}

function verificationError(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  if (/user verification/i.test(message)) return new ApiError(PASSKEY_ERRORS.passkeyUserNotVerified);
  return new ApiError(PASSKEY_ERRORS.passkeyVerificationFailed, { message: `The WebAuthn response did not verify: ${message}` });
}

export async function verifyRegistration(response: RegistrationResponseJSON, expected: { challenge: string; origin: string; rpId: string; requireUserVerification: boolean }) {
  try {
    assertBackupFlags(flagsOf(decodeAttestationObject(bytes(response.response.attestationObject)).get("authData")));
  } catch (error) {
    throw error instanceof ApiError ? error : new ApiError(PASSKEY_ERRORS.passkeyVerificationFailed, { message: "attestationObject is not valid." });
  }
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.origin,
      expectedRPID: expected.rpId,
      requireUserVerification: expected.requireUserVerification,
    });
    if (!result.verified) throw new Error("not verified");
    return result.registrationInfo;
  } catch (error) {
    throw verificationError(error);
  }
}

/**
 * Verifies the assertion's signature. The sign counter is checked by the caller after the
 * signature (so a forged low counter cannot disable a passkey), hence `counter: 0` here.
 */
export async function verifyAssertion(
  response: AuthenticationResponseJSON,
  credential: { id: string; publicKey: string; transports: string[] },
  expected: { challenge: string; origin: string; rpId: string; requireUserVerification: boolean },
) {
  let authData: Uint8Array<ArrayBuffer>;
  try {
    authData = bytes(response.response.authenticatorData);
  } catch {
    throw new ApiError(PASSKEY_ERRORS.passkeyVerificationFailed, { message: "authenticatorData is not base64url." });
  }
  assertBackupFlags(flagsOf(authData));
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.origin,
      expectedRPID: expected.rpId,
      credential: { id: credential.id, publicKey: bytes(credential.publicKey), counter: 0, transports: credential.transports as never },
      requireUserVerification: expected.requireUserVerification,
    });
    if (!result.verified) throw new Error("signature not verified");
    return result.authenticationInfo;
  } catch (error) {
    throw verificationError(error);
  }
}
