import { concatBytes } from "./bytes";
import { DerTag, encodeDer, readDerChildren, readDerExact, unsignedIntegerBody, unsignedIntegerMagnitude } from "./der";
import { UafFormatError } from "./errors";

/** ECDSA-Sig-Value (RFC 3279 §2.2.3) → the raw r‖s form WebCrypto verifies (each `size` bytes). */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array {
  let parts;
  try {
    parts = readDerChildren(readDerExact(der, DerTag.SEQUENCE).value);
  } catch {
    throw new UafFormatError("signature-malformed", "not a DER ECDSA signature");
  }
  if (parts.length !== 2 || parts.some((p) => p.tag !== DerTag.INTEGER)) throw new UafFormatError("signature-malformed", "expected two INTEGERs");
  const out = new Uint8Array(size * 2);
  parts.forEach((p, i) => {
    let magnitude;
    try {
      magnitude = unsignedIntegerMagnitude(p.value);
    } catch {
      throw new UafFormatError("signature-malformed", "bad INTEGER");
    }
    if (magnitude.length > size) throw new UafFormatError("signature-malformed", "INTEGER too long");
    out.set(magnitude, size * (i + 1) - magnitude.length);
  });
  return out;
}

/** Raw r‖s → ECDSA-Sig-Value DER. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new UafFormatError("signature-malformed", "raw signature length");
  const half = raw.length / 2;
  const integer = (m: Uint8Array) => encodeDer(DerTag.INTEGER, unsignedIntegerBody(m));
  return encodeDer(DerTag.SEQUENCE, concatBytes(integer(raw.subarray(0, half)), integer(raw.subarray(half))));
}
