import { u32le } from "./bytes";
import { checkLength, readAaid, readAssertionInfo, readChildren, readFinalChallenge, readKeyId, type UafParseOptions } from "./elements";
import { UafFormatError } from "./errors";
import type { UafExtension } from "./extensions";
import { Tag } from "./tags";
import { readSingleTlv } from "./tlv";

export type UafAttestation =
  | { type: "BASIC_FULL"; signature: Uint8Array; /** leaf first, then intermediates (DER) */ certificates: Uint8Array[] }
  | { type: "BASIC_SURROGATE"; signature: Uint8Array };

/** A parsed TAG_UAFV1_REG_ASSERTION (Authenticator Commands §6.2.4 Register command response). */
export interface UafRegAssertion {
  aaid: string;
  authenticatorVersion: number;
  authenticationMode: number;
  signatureAlgorithm: number;
  publicKeyEncoding: number;
  finalChallenge: Uint8Array;
  keyId: Uint8Array;
  signCounter: number;
  regCounter: number;
  publicKey: Uint8Array;
  /** The whole TAG_UAFV1_KRD element, header included: the bytes the attestation signature covers. */
  krd: Uint8Array;
  attestation: UafAttestation;
  extensions: UafExtension[];
}

/** Reads a registration assertion (the decoded `assertion` of a UAFV1TLV registration response). */
export function parseRegAssertion(bytes: Uint8Array, options: UafParseOptions = {}): UafRegAssertion {
  const outer = readChildren(readSingleTlv(bytes, Tag.UAFV1_REG_ASSERTION).value, options);
  const krdElement = outer.require(Tag.UAFV1_KRD);
  const krd = readChildren(krdElement.value, options);
  const info = readAssertionInfo(krd.require(Tag.ASSERTION_INFO), true);
  const counters = checkLength(krd.require(Tag.COUNTERS), 8, 8);

  const full = outer.get(Tag.ATTESTATION_BASIC_FULL);
  const surrogate = outer.get(Tag.ATTESTATION_BASIC_SURROGATE);
  if (full && surrogate) throw new UafFormatError("tlv-duplicate-tag", "two attestations");
  let attestation: UafAttestation;
  if (full) {
    const att = readChildren(full.value, options);
    const certificates = att.all(Tag.ATTESTATION_CERT).map((c) => checkLength(c, 1, 0xffff));
    if (!certificates.length) throw new UafFormatError("tlv-missing-tag", "ATTESTATION_CERT");
    attestation = { type: "BASIC_FULL", signature: checkLength(att.require(Tag.SIGNATURE), 1, 0xffff), certificates };
  } else if (surrogate) {
    const att = readChildren(surrogate.value, options);
    if (att.get(Tag.ATTESTATION_CERT)) throw new UafFormatError("tlv-unexpected-tag", "certificate in basic surrogate");
    attestation = { type: "BASIC_SURROGATE", signature: checkLength(att.require(Tag.SIGNATURE), 1, 0xffff) };
  } else throw new UafFormatError("tlv-missing-tag", "attestation");

  return {
    aaid: readAaid(krd.require(Tag.AAID)),
    authenticatorVersion: info.authenticatorVersion,
    authenticationMode: info.authenticationMode,
    signatureAlgorithm: info.signatureAlgorithm,
    publicKeyEncoding: info.publicKeyEncoding!,
    finalChallenge: readFinalChallenge(krd.require(Tag.FINAL_CHALLENGE)),
    keyId: readKeyId(krd.require(Tag.KEYID), options),
    signCounter: u32le(counters, 0),
    regCounter: u32le(counters, 4),
    publicKey: checkLength(krd.require(Tag.PUB_KEY), 1, 0xffff),
    krd: krdElement.raw,
    attestation,
    extensions: [...krd.extensions, ...outer.extensions],
  };
}
