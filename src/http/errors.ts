import { z } from "@hono/zod-openapi";

/** The core's codes; each capability adds its own table (its `errors.ts`). */
export const ERRORS = defineErrors({
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
  methodNotAllowed: { code: 9012, status: 405, message: "The method is not supported on this path." },
  internal: { code: 9500, status: 500, message: "Unexpected server error." },
  attributesInvalid: { code: 2200, status: 400, message: "User attributes do not conform to the store's attributeSchema." },
  policyNotFound: { code: 2201, status: 400, message: "The policy referenced by the request does not exist in the store." },
  userLocked: { code: 2100, status: 400, message: "The user is locked. Authentication cannot proceed." },
  modalityLocked: { code: 2101, status: 400, message: "This authentication modality is locked for the user." },
  userDisabled: { code: 2102, status: 400, message: "The user is disabled." },
  userNotActive: { code: 502, status: 400, message: "The user is not active." },
});

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

/** One entry of the table of codes: numeric code, HTTP status and default message. */
export interface ErrorDef {
  readonly code: number;
  readonly status: ErrorStatus;
  readonly message: string;
}

/** A capability's codes, checked for shape; the app joins every table and refuses duplicate codes. */
export function defineErrors<const T extends Record<string, ErrorDef>>(table: T): T {
  return table;
}

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

/** The one error type: every refusal the API answers is an ApiError carrying an entry of the table. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: ErrorStatus;
  readonly details?: ErrorDetail[];
  readonly user?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    readonly def: ErrorDef,
    options: ApiErrorOptions = {},
  ) {
    super(options.message ?? def.message);
    this.code = def.code;
    this.status = def.status;
    this.details = options.details;
    this.user = options.user;
    this.headers = options.headers;
  }

  withUser(user: unknown): ApiError {
    return new ApiError(this.def, { message: this.message, details: this.details, user, headers: this.headers });
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
  .openapi("Error", { description: "Error body; the codes are listed in the document's description and in each operation's." });

export function zodIssuesToDetails(issues: readonly { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
