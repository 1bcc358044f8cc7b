import { z } from "@hono/zod-openapi";

/** Every error the API returns, by name: numeric code, HTTP status and default message. */
export const ERRORS = {
  validation: { code: 9001, status: 400, message: "Request validation failed." },
  notFound: { code: 9002, status: 404, message: "Not found." },
  conflict: { code: 9003, status: 409, message: "Conflict: the resource already exists or is in use." },
  unauthenticated: { code: 9004, status: 401, message: "Missing or invalid bearer token." },
  forbidden: { code: 9005, status: 403, message: "The token lacks the scope for this operation." },
  tooLarge: { code: 9006, status: 413, message: "Request body too large." },
  unsupportedMediaType: { code: 9007, status: 415, message: "Request body must be application/json." },
  rateLimited: { code: 9008, status: 429, message: "Too many requests." },
  unavailable: { code: 9009, status: 503, message: "A dependency is unavailable; retry later." },
  concurrentModification: { code: 9010, status: 409, message: "Concurrent modification; reload and retry." },
  sessionExpired: { code: 9011, status: 400, message: "The session has expired or was already used." },
  internal: { code: 9500, status: 500, message: "Unexpected server error." },
  attributesInvalid: { code: 2200, status: 400, message: "User attributes do not conform to the store's attributeSchema." },
  policyNotFound: { code: 2201, status: 400, message: "The policy referenced by the request does not exist in the store." },
  userLocked: { code: 2100, status: 400, message: "The user is locked. Authentication cannot proceed." },
  modalityLocked: { code: 2101, status: 400, message: "This authentication modality is locked for the user." },
  userDisabled: { code: 2102, status: 400, message: "The user is disabled." },
  userNotActive: { code: 502, status: 400, message: "The user is not active." },
  totpNotRegistered: { code: 2301, status: 400, message: "No TOTP is registered for this user and policy." },
  totpNotActive: { code: 2302, status: 400, message: "The TOTP is not active (complete the registration first, or it is disabled)." },
  totpRegistrationExpired: { code: 2303, status: 400, message: "The pending TOTP registration has expired; start a new one." },
  totpWrongCode: { code: 2304, status: 400, message: "Wrong TOTP code." },
  totpCodeReplayed: { code: 2305, status: 400, message: "This TOTP code was already used." },
  totpCodeMalformed: { code: 2306, status: 400, message: "Malformed TOTP code." },
  algorithmNotSupported: { code: 8, status: 400, message: "The matching algorithm is not supported." },
  biometricTypeNotSupported: { code: 2005, status: 400, message: "The biometric type is not supported (only face)." },
  biometricSubtypeNotSupported: { code: 2006, status: 400, message: "The biometric subtype is not supported (only FRONTAL)." },
  biometricDisabled: { code: 2103, status: 400, message: "The user's biometric is disabled." },
  faceImageMissing: { code: 20114, status: 400, message: "No image: send a base64 JPEG or PNG in `image`." },
  faceImageTypeNotSupported: { code: 20115, status: 400, message: "The image type is not supported (JPEG or PNG)." },
  faceTemplateFailed: { code: 20120, status: 400, message: "No face template could be made from the image." },
  faceMatchError: { code: 20121, status: 400, message: "The enrolled template cannot be compared (made by another model: re-enrol)." },
  faceNotEnrolled: { code: 20122, status: 400, message: "No face is enrolled for the user." },
  faceMatchingMissing: { code: 20123, status: 400, message: "`matching` is required." },
  faceAlgorithmMissing: { code: 20124, status: 400, message: "`matching.algorithm` is required." },
  faceThresholdInvalid: { code: 20125, status: 400, message: "`matching.threshold` must be a number in 0..1." },
  faceInternalThresholdInvalid: { code: 20126, status: 400, message: "`matching.internalThreshold` must be a number in 0..1." },
  faceNoMatch: { code: 20130, status: 400, message: "The face does not match the enrolled face." },
  passkeyInactive: { code: 348, status: 400, message: "The passkey is not active." },
  passkeyWrongCeremony: { code: 352, status: 400, message: "The response belongs to another ceremony (registration vs authentication)." },
  passkeyChallengeMismatch: { code: 353, status: 400, message: "The response's challenge does not match the session." },
  passkeyOriginNotAllowed: { code: 354, status: 400, message: "The origin is not in the relying party's restrictedOrigins." },
  passkeyTokenBinding: { code: 356, status: 400, message: "Token binding is not supported." },
  passkeyUnknownCredential: { code: 362, status: 400, message: "Unknown credential." },
  passkeyOtherUsersCredential: { code: 363, status: 400, message: "The credential belongs to another user." },
  passkeyNotAllowed: { code: 364, status: 400, message: "The credential was not offered for this authentication, or no user handle was returned." },
  passkeyUserHandleMismatch: { code: 365, status: 400, message: "The user handle does not match the credential's user." },
  passkeyCounterRegression: { code: 372, status: 400, message: "The signature counter did not increase: possible cloned authenticator. The passkey was disabled." },
  passkeyOriginNotHttps: { code: 382, status: 400, message: "The origin must use https." },
  passkeyOriginNotRp: { code: 383, status: 400, message: "The origin does not match the relying party id." },
  sessionDataMissing: { code: 384, status: 400, message: "sessionData is required in EXTERNAL session management." },
  sessionDataNoChallenge: { code: 386, status: 400, message: "sessionData lacks a challenge." },
  sessionDataNoRpId: { code: 387, status: 400, message: "sessionData lacks a relying party id." },
  sessionDataInInternalMode: { code: 388, status: 400, message: "sessionData was sent for a relying party in INTERNAL session management." },
  sessionDataNoPolicy: { code: 394, status: 400, message: "sessionData lacks a policy name." },
  passkeyNoResponse: { code: 395, status: 400, message: "Send either a response or a failure." },
  passkeyClientFailed: { code: 397, status: 400, message: "The client reported that the ceremony failed." },
  passkeyClientCancelled: { code: 398, status: 400, message: "The client reported that the ceremony was cancelled." },
  passkeyClientTimeout: { code: 403, status: 400, message: "The client reported that the ceremony timed out." },
  passkeyVerificationFailed: { code: 340, status: 400, message: "The WebAuthn response did not verify (signature, attestation or format)." },
  passkeyUserNotVerified: { code: 341, status: 400, message: "User verification is required by the policy but was not performed." },
  passkeyBackupFlags: { code: 342, status: 400, message: "Invalid backup flags: backup state without backup eligibility." },
  passkeyAuthenticatorNotAllowed: { code: 343, status: 400, message: "The authenticator model (AAGUID) is not allowed by the policy." },
  passcodeNotRegistered: { code: 2401, status: 400, message: "No passcode is registered for this user and policy." },
  passcodeExists: { code: 2402, status: 409, message: "A passcode is already registered for this policy; use renewal." },
  passcodeDisabled: { code: 2403, status: 400, message: "The passcode is disabled." },
  passcodeProofMismatch: { code: 2404, status: 400, message: "Proof mismatch: wrong passcode." },
  srpValueInvalid: { code: 2405, status: 400, message: "Invalid SRP value." },
  sessionMismatch: { code: 2406, status: 400, message: "The session belongs to another ceremony, store or policy." },
  passcodeExpired: { code: 2407, status: 400, message: "The passcode has expired; renew it." },
} as const;

export type ErrorName = keyof typeof ERRORS;
export type ErrorStatus = (typeof ERRORS)[ErrorName]["status"];

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ApiErrorOptions {
  message?: string;
  details?: ErrorDetail[];
  /** The updated user, attached to failed authentications and registration completions. */
  user?: unknown;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: number;
  readonly status: ErrorStatus;
  readonly details?: ErrorDetail[];
  readonly user?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    readonly errorName: ErrorName,
    options: ApiErrorOptions = {},
  ) {
    const entry = ERRORS[errorName];
    super(options.message ?? entry.message);
    this.code = entry.code;
    this.status = entry.status;
    this.details = options.details;
    this.user = options.user;
    this.headers = options.headers;
  }

  withUser(user: unknown): ApiError {
    return new ApiError(this.errorName, { message: this.message, details: this.details, user, headers: this.headers });
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.user !== undefined ? { user: this.user } : {}),
    };
  }
}

export const ErrorSchema = z
  .object({
    code: z.number().int().openapi({ example: 9001 }),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    user: z.record(z.string(), z.unknown()).optional().openapi({ description: "The updated user (failed authentications)." }),
  })
  .openapi("Error", {
    description: `Error body. Codes: ${Object.values(ERRORS)
      .map((e) => `${e.code} (${e.status}) ${e.message}`)
      .join("; ")}`,
  });

export function zodIssuesToDetails(issues: readonly { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
