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
