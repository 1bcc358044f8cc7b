// @peculiar/x509 needs the Reflect metadata polyfill loaded first (whichever module imports it first).
import "reflect-metadata";
import { X509Certificate } from "@peculiar/x509";
import { signAlgInfo } from "./algorithms";
import { bytesEqual } from "./bytes";
import { UafFormatError } from "./errors";
import { publicKeyToSpki, readSpki } from "./public-key";
import type { UafRegAssertion } from "./reg-assertion";
import { verifySignature } from "./verify-signature";

/** `verified`: the signature is good AND (basic full) the chain ends at one of the given roots. */
export interface AttestationResult {
  type: "BASIC_FULL" | "BASIC_SURROGATE";
  signatureValid: boolean;
  /** Basic full only: the chain was checked up to a given root at `now`. */
  chainVerified: boolean;
  verified: boolean;
}

function parseCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new UafFormatError("certificate-malformed");
  }
}

/** The certificate's SubjectPublicKeyInfo; @peculiar/x509 parses the key's algorithm parameters only on first access. */
function certificateSpki(cert: X509Certificate): Uint8Array {
  try {
    return new Uint8Array(cert.publicKey.rawData);
  } catch {
    throw new UafFormatError("certificate-malformed");
  }
}

function parseRoot(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

async function signedBy(cert: X509Certificate, issuer: X509Certificate, now: Date): Promise<boolean> {
  if (cert.issuer !== issuer.subject) return false;
  try {
    return await cert.verify({ publicKey: issuer.publicKey, date: now });
  } catch {
    // An algorithm WebCrypto lacks (secp256k1 certificates) cannot be chained.
    return false;
  }
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() <= cert.notAfter.getTime();
}

/**
 * Leaf → intermediates (as sent) → one of `roots`, each link's issuer name and signature checked and
 * every certificate valid at `now` (RFC 5280 §6.1, without policy or name-constraint processing).
 */
export async function verifyCertificateChain(chainDer: Uint8Array[], rootPems: readonly string[], now: Date): Promise<boolean> {
  const chain = chainDer.map(parseCertificate);
  const roots = rootPems.map(parseRoot).filter((r): r is X509Certificate => r !== undefined);
  if (!chain.length || !roots.length || !chain.every((c) => validAt(c, now))) return false;
  for (let i = 0; i + 1 < chain.length; i++) if (!(await signedBy(chain[i]!, chain[i + 1]!, now))) return false;
  const top = chain[chain.length - 1]!;
  for (const root of roots) {
    if (!validAt(root, now)) continue;
    // The root itself may have been sent as the last certificate of the chain.
    if (bytesEqual(new Uint8Array(top.rawData), new Uint8Array(root.rawData))) return true;
    if (await signedBy(top, root, now)) return true;
  }
  return false;
}

/**
 * Basic surrogate: the KRD signed with the new key. Basic full: the KRD signed with the leaf
 * certificate's key, and the chain verified up to `rootPems` (not verified when there are none).
 */
export async function verifyAttestation(assertion: UafRegAssertion, rootPems: readonly string[], now: Date): Promise<AttestationResult> {
  const info = signAlgInfo(assertion.signatureAlgorithm);
  if (!info) return { type: assertion.attestation.type, signatureValid: false, chainVerified: false, verified: false };
  if (assertion.attestation.type === "BASIC_SURROGATE") {
    const spki = publicKeyToSpki(assertion.publicKey, assertion.publicKeyEncoding, info.family);
    const signatureValid = await verifySignature(assertion.signatureAlgorithm, spki, assertion.attestation.signature, assertion.krd);
    return { type: "BASIC_SURROGATE", signatureValid, chainVerified: false, verified: false };
  }
  const leaf = parseCertificate(assertion.attestation.certificates[0]!);
  const leafSpki = certificateSpki(leaf);
  readSpki(leafSpki);
  const signatureValid = await verifySignature(assertion.signatureAlgorithm, leafSpki, assertion.attestation.signature, assertion.krd);
  const chainVerified = rootPems.length > 0 && (await verifyCertificateChain(assertion.attestation.certificates, rootPems, now));
  return { type: "BASIC_FULL", signatureValid, chainVerified, verified: signatureValid && chainVerified };
}
