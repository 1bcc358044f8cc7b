import { u32le } from "./bytes";
import { checkLength, readAaid, readAssertionInfo, readChildren, readFinalChallenge, readKeyId, type UafParseOptions } from "./elements";
import type { UafExtension } from "./extensions";
import { Tag } from "./tags";
import { readSingleTlv } from "./tlv";

/** A parsed TAG_UAFV1_AUTH_ASSERTION (Authenticator Commands §6.3.4 Sign command response). */
export interface UafAuthAssertion {
  aaid: string;
  authenticatorVersion: number;
  authenticationMode: number;
  signatureAlgorithm: number;
  authenticatorNonce: Uint8Array;
  finalChallenge: Uint8Array;
  /** Empty when no transaction was confirmed. */
  transactionContentHash: Uint8Array;
  keyId: Uint8Array;
  signCounter: number;
  /** The whole TAG_UAFV1_SIGNED_DATA element, header included: the bytes the signature covers. */
  signedData: Uint8Array;
  signature: Uint8Array;
  extensions: UafExtension[];
}

/** Reads an authentication assertion (the decoded `assertion` of a UAFV1TLV authentication response). */
export function parseAuthAssertion(bytes: Uint8Array, options: UafParseOptions = {}): UafAuthAssertion {
  const outer = readChildren(readSingleTlv(bytes, Tag.UAFV1_AUTH_ASSERTION).value, options);
  const signedElement = outer.require(Tag.UAFV1_SIGNED_DATA);
  const signed = readChildren(signedElement.value, options);
  const info = readAssertionInfo(signed.require(Tag.ASSERTION_INFO), false);
  // COUNTERS is the 4-byte sign counter; an old reference client also appends the reg counter (8 bytes).
  const counters = signed.require(Tag.COUNTERS);
  checkLength(counters, 4, 8);
  if (counters.value.length !== 4) checkLength(counters, 8, 8);
  const tcHash = signed.get(Tag.TRANSACTION_CONTENT_HASH);
  return {
    aaid: readAaid(signed.require(Tag.AAID)),
    authenticatorVersion: info.authenticatorVersion,
    authenticationMode: info.authenticationMode,
    signatureAlgorithm: info.signatureAlgorithm,
    authenticatorNonce: checkLength(signed.require(Tag.AUTHENTICATOR_NONCE), 8, 64),
    finalChallenge: readFinalChallenge(signed.require(Tag.FINAL_CHALLENGE)),
    transactionContentHash: tcHash ? checkLength(tcHash, 0, 64) : new Uint8Array(),
    keyId: readKeyId(signed.require(Tag.KEYID), options),
    signCounter: u32le(counters.value, 0),
    signedData: signedElement.raw,
    signature: checkLength(outer.require(Tag.SIGNATURE), 1, 0xffff),
    extensions: [...signed.extensions, ...outer.extensions],
  };
}
