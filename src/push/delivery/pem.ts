import { fromBase64 } from "../../crypto/encoding";

/** A policy's private key that cannot be used; the message says why (meant for the 400 on write). */
export class InvalidKeyError extends Error {}

/** The DER bytes of a PKCS#8 `-----BEGIN PRIVATE KEY-----` PEM; any other PEM (or none) is refused with the reason. */
export function pkcs8FromPem(pem: string, field: string): Uint8Array {
  const block = /^\s*-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*)-----END \1-----\s*$/.exec(pem);
  if (!block) throw new InvalidKeyError(`${field} must be a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).`);
  if (block[1] !== "PRIVATE KEY") throw new InvalidKeyError(`${field} must be a PKCS#8 private key (BEGIN PRIVATE KEY), not a ${block[1]}.`);
  try {
    return fromBase64(block[2]!.replace(/\s+/g, ""));
  } catch {
    throw new InvalidKeyError(`${field}: the PEM body is not base64.`);
  }
}
