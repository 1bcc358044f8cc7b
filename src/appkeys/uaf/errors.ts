/** Why a UAF message, TLV or key could not be read. The HTTP layer maps these to codes (mostly 1091). */
export type UafFormatReason =
  | "tlv-truncated"
  | "tlv-trailing-bytes"
  | "tlv-unexpected-tag"
  | "tlv-duplicate-tag"
  | "tlv-missing-tag"
  | "tlv-bad-length"
  | "keyid-length"
  | "aaid-malformed"
  | "unknown-critical-extension"
  | "extension-malformed"
  | "der-malformed"
  | "public-key-malformed"
  | "signature-malformed"
  | "certificate-malformed"
  | "base64-malformed"
  | "fc-params-malformed"
  | "message-malformed"
  | "no-assertion"
  | "several-assertions"
  | "unsupported-assertion-scheme"
  | "unsupported-version"
  | "operation-mismatch";

/** The only exception the UAF codec throws for bad input. */
export class UafFormatError extends Error {
  override readonly name = "UafFormatError";
  constructor(
    readonly reason: UafFormatReason,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}
