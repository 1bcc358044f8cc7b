import { signAlgInfo } from "./algorithms";
import type { UafAuthAssertion } from "./auth-assertion";
import { bytesEqual, sha256 } from "./bytes";
import { UafFormatError } from "./errors";
import type { UafVerifyResult } from "./reasons";
import { signCounterAccepted } from "./sign-counter";
import { verifySignature } from "./verify-signature";

export interface VerifyAuthenticationInput {
  assertion: UafAuthAssertion;
  /** SHA-256 of the response's fcParams string (see finalChallengeHash). */
  expectedFinalChallenge: Uint8Array;
  /** The stored key (SPKI DER) and its algorithm from registration. */
  publicKeySpki: Uint8Array;
  algorithm: number;
  storedSignCounter: number;
  /** When given, the assertion must name this key / AAID. */
  expectedKeyId?: Uint8Array;
  expectedAaid?: string;
  /** The text/plain transaction the request carried, if any. */
  transactionText?: string;
}

export interface VerifiedAuthentication {
  aaid: string;
  keyId: Uint8Array;
  signCounter: number;
  authenticationMode: number;
}

/**
 * The server's checks of one authentication assertion (UAF Protocol §3.5.7.5), after fcParams checks.
 * The counter is judged only after the signature verifies, so a forged assertion cannot disable a key.
 */
export async function verifyAuthentication(input: VerifyAuthenticationInput): Promise<UafVerifyResult<VerifiedAuthentication>> {
  const { assertion: a } = input;
  if (input.expectedAaid !== undefined && a.aaid !== input.expectedAaid) return { ok: false, reason: "aaid-mismatch" };
  if (input.expectedKeyId !== undefined && !bytesEqual(a.keyId, input.expectedKeyId)) return { ok: false, reason: "key-id-mismatch" };
  if (!signAlgInfo(a.signatureAlgorithm) || !signAlgInfo(input.algorithm)) return { ok: false, reason: "unsupported-algorithm" };
  if (a.signatureAlgorithm !== input.algorithm) return { ok: false, reason: "algorithm-mismatch" };
  if (a.authenticationMode !== 1 && a.authenticationMode !== 2) return { ok: false, reason: "authentication-mode-invalid" };
  if (!bytesEqual(a.finalChallenge, input.expectedFinalChallenge)) return { ok: false, reason: "final-challenge-mismatch" };
  let valid: boolean;
  try {
    valid = await verifySignature(a.signatureAlgorithm, input.publicKeySpki, a.signature, a.signedData);
  } catch (error) {
    if (error instanceof UafFormatError) return { ok: false, reason: "public-key-invalid" };
    throw error;
  }
  if (!valid) return { ok: false, reason: "signature-invalid" };
  if (input.transactionText !== undefined) {
    // Transaction confirmation: mode 2 and the hash of the UTF-8 text shown (UAF Protocol §3.5.7.5).
    if (a.authenticationMode !== 2 || a.transactionContentHash.length === 0) return { ok: false, reason: "transaction-missing" };
    if (!bytesEqual(a.transactionContentHash, await sha256(new TextEncoder().encode(input.transactionText)))) return { ok: false, reason: "transaction-hash-mismatch" };
  } else if (a.authenticationMode === 2 || a.transactionContentHash.length > 0) return { ok: false, reason: "transaction-unexpected" };
  if (!signCounterAccepted(input.storedSignCounter, a.signCounter)) return { ok: false, reason: "counter-not-increasing" };
  return { ok: true, aaid: a.aaid, keyId: a.keyId, signCounter: a.signCounter, authenticationMode: a.authenticationMode };
}
