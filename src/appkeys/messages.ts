import { ApiError, type ErrorDef } from "../http/errors";
import { APPKEY_ERRORS } from "./errors";
import type { AppkeyConfig } from "./policy";
import {
  decodeFcParams,
  finalChallengeHash,
  parseAuthAssertion,
  parseRegAssertion,
  parseUafResponse,
  UafFormatError,
  type FinalChallengeParams,
  type UafAuthAssertion,
  type UafMessageExtension,
  type UafRegAssertion,
  type UafVerifyFailure,
} from "./uaf";

/** A codec refusal as the code the API answers. */
export function formatError(error: UafFormatError, op: "Reg" | "Auth"): ApiError {
  switch (error.reason) {
    case "no-assertion":
      return new ApiError(APPKEY_ERRORS.noAssertion);
    case "several-assertions":
      return new ApiError(APPKEY_ERRORS.severalAssertions);
    case "operation-mismatch":
      return new ApiError(op === "Auth" ? APPKEY_ERRORS.notAuthenticationMessage : APPKEY_ERRORS.wrongCeremony);
    default:
      return new ApiError(APPKEY_ERRORS.malformedResponse, { message: `The UAF response is malformed (${error.reason}).` });
  }
}

const VERIFY_FAILURES: Record<UafVerifyFailure, ErrorDef> = {
  "unsupported-algorithm": APPKEY_ERRORS.unsupportedAlgorithm,
  "algorithm-mismatch": APPKEY_ERRORS.unsupportedAlgorithm,
  "public-key-invalid": APPKEY_ERRORS.unsupportedAlgorithm,
  "final-challenge-mismatch": APPKEY_ERRORS.challengeMismatch,
  "signature-invalid": APPKEY_ERRORS.signatureInvalid,
  "attestation-signature-invalid": APPKEY_ERRORS.attestationInvalid,
  "attestation-not-verified": APPKEY_ERRORS.attestationNotVerified,
  "counter-not-increasing": APPKEY_ERRORS.counterRegression,
  "transaction-hash-mismatch": APPKEY_ERRORS.transactionMismatch,
  "transaction-missing": APPKEY_ERRORS.transactionMismatch,
  "transaction-unexpected": APPKEY_ERRORS.transactionMismatch,
  "authentication-mode-invalid": APPKEY_ERRORS.malformedResponse,
  "aaid-not-accepted": APPKEY_ERRORS.aaidNotAccepted,
  "aaid-mismatch": APPKEY_ERRORS.unknownKeyId,
  "key-id-mismatch": APPKEY_ERRORS.unknownKeyId,
};

export const verifyError = (reason: UafVerifyFailure) => new ApiError(VERIFY_FAILURES[reason]);

export interface ReadResponse<A> {
  fcParams: string;
  fc: FinalChallengeParams;
  finalChallenge: Uint8Array;
  assertion: A;
  extensions: UafMessageExtension[];
}

/** The one response of a UAF response message, its fcParams and its parsed assertion; anything unreadable → its code (1091/1092/1093/1017). */
export async function readResponse(json: string, op: "Reg"): Promise<ReadResponse<UafRegAssertion>>;
export async function readResponse(json: string, op: "Auth"): Promise<ReadResponse<UafAuthAssertion>>;
export async function readResponse(json: string, op: "Reg" | "Auth"): Promise<ReadResponse<UafRegAssertion | UafAuthAssertion>> {
  try {
    const response = parseUafResponse(json, op);
    const fc = decodeFcParams(response.fcParams);
    const assertion = op === "Reg" ? parseRegAssertion(response.assertion) : parseAuthAssertion(response.assertion);
    return { fcParams: response.fcParams, fc, finalChallenge: await finalChallengeHash(response.fcParams), assertion, extensions: response.extensions };
  } catch (error) {
    if (error instanceof UafFormatError) throw formatError(error, op);
    throw error;
  }
}

/** The fcParams rules: appID = the relying party's (ours), facetID trusted (1026), challenge = the request's (1029). */
export function checkFinalChallengeParams(fc: FinalChallengeParams, expected: { appId: string; challenge: string; config: AppkeyConfig }): void {
  if (fc.appID !== expected.appId) throw new ApiError(APPKEY_ERRORS.appIdMismatch);
  if (!expected.config.trustedFacets.includes(fc.facetID)) throw new ApiError(APPKEY_ERRORS.facetNotTrusted);
  if (fc.challenge !== expected.challenge) throw new ApiError(APPKEY_ERRORS.challengeMismatch);
}

export type ClientFailure = { reason: "FAILED" | "CANCELLED" };

/** The outcome the client sent: a response, or a well-formed failure report (1102 otherwise, 1115 for neither). */
export function clientOutcome(response: string | undefined, failure: unknown): { response: string } | { failure: ErrorDef } {
  if (failure !== undefined) {
    const reason = typeof failure === "object" && failure !== null && !Array.isArray(failure) ? (failure as Record<string, unknown>).reason : undefined;
    const keys = typeof failure === "object" && failure !== null ? Object.keys(failure) : [];
    if (response !== undefined || keys.some((k) => k !== "reason") || (reason !== "FAILED" && reason !== "CANCELLED")) throw new ApiError(APPKEY_ERRORS.clientFailureMalformed);
    return { failure: reason === "FAILED" ? APPKEY_ERRORS.clientFailed : APPKEY_ERRORS.clientCancelled };
  }
  if (response === undefined) throw new ApiError(APPKEY_ERRORS.noOutcome);
  return { response };
}

/** A refusal kept as a value (answered later, inside the attempt, with the user); anything else is thrown on. */
export function keepApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  throw error;
}
