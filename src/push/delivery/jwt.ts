import { toBase64Url } from "../../crypto/encoding";

const encoder = new TextEncoder();
const segment = (value: object) => toBase64Url(encoder.encode(JSON.stringify(value)));

/**
 * A compact JWS (RFC 7515) over `claims`, signed with WebCrypto: ES256 with an ECDSA P-256 key (its
 * signature is already JOSE's raw r‖s form, RFC 7518 §3.4), RS256 with an RSA key.
 */
export async function signJwt(key: CryptoKey, header: { alg: "ES256" | "RS256" } & Record<string, string>, claims: object): Promise<string> {
  const input = `${segment(header)}.${segment(claims)}`;
  const algorithm = header.alg === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
  const signature = await crypto.subtle.sign(algorithm, key, encoder.encode(input));
  return `${input}.${toBase64Url(new Uint8Array(signature))}`;
}
