import { signAlgInfo } from "./algorithms";
import { type AttestationResult, verifyAttestation } from "./attestation";
import { bytesEqual } from "./bytes";
import { UafFormatError } from "./errors";
import { publicKeyToSpki } from "./public-key";
import type { UafVerifyResult } from "./reasons";
import type { UafRegAssertion } from "./reg-assertion";
import { isUsablePublicKey } from "./verify-signature";

export interface VerifyRegistrationInput {
  assertion: UafRegAssertion;
  /** SHA-256 of the response's fcParams string (see finalChallengeHash). */
  expectedFinalChallenge: Uint8Array;
  /** PEM roots configured for this AAID; when any, only basic full chaining to one of them is accepted. */
  trustRoots?: readonly string[];
  /** ANY: surrogate or unverified full accepted (when no roots); VERIFIED: a verified chain is required. */
  attestationPolicy?: "ANY" | "VERIFIED";
  /** null/undefined: any AAID. */
  acceptedAaids?: readonly string[] | null;
  now: Date;
}

export interface VerifiedRegistration {
  aaid: string;
  keyId: Uint8Array;
  /** Canonical SPKI DER of the new key (store as base64url). */
  publicKeySpki: Uint8Array;
  algorithm: number;
  signCounter: number;
  regCounter: number;
  authenticatorVersion: number;
  attestation: AttestationResult;
}

/** The server's checks of one registration assertion (UAF Protocol §3.4.6.5), after fcParams checks. */
export async function verifyRegistration(input: VerifyRegistrationInput): Promise<UafVerifyResult<VerifiedRegistration>> {
  const { assertion: a, trustRoots = [], attestationPolicy = "ANY", now } = input;
  if (input.acceptedAaids && !input.acceptedAaids.includes(a.aaid)) return { ok: false, reason: "aaid-not-accepted" };
  const info = signAlgInfo(a.signatureAlgorithm);
  if (!info) return { ok: false, reason: "unsupported-algorithm" };
  if (a.authenticationMode !== 1) return { ok: false, reason: "authentication-mode-invalid" };
  if (!bytesEqual(a.finalChallenge, input.expectedFinalChallenge)) return { ok: false, reason: "final-challenge-mismatch" };
  let publicKeySpki: Uint8Array;
  try {
    publicKeySpki = publicKeyToSpki(a.publicKey, a.publicKeyEncoding, info.family);
  } catch (error) {
    if (error instanceof UafFormatError) return { ok: false, reason: "public-key-invalid" };
    throw error;
  }
  if (!(await isUsablePublicKey(publicKeySpki))) return { ok: false, reason: "public-key-invalid" };
  let attestation: AttestationResult;
  try {
    attestation = await verifyAttestation(a, trustRoots, now);
  } catch (error) {
    // An unreadable certificate or certificate key: the attestation cannot be verified.
    if (error instanceof UafFormatError) return { ok: false, reason: "attestation-signature-invalid" };
    throw error;
  }
  if (!attestation.signatureValid) return { ok: false, reason: "attestation-signature-invalid" };
  const mustVerify = trustRoots.length > 0 || attestationPolicy === "VERIFIED";
  if (mustVerify && !attestation.verified) return { ok: false, reason: "attestation-not-verified" };
  return {
    ok: true,
    aaid: a.aaid,
    keyId: a.keyId,
    publicKeySpki,
    algorithm: a.signatureAlgorithm,
    signCounter: a.signCounter,
    regCounter: a.regCounter,
    authenticatorVersion: a.authenticatorVersion,
    attestation,
  };
}
