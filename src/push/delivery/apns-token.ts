import { signJwt } from "./jwt";
import { InvalidKeyError, pkcs8FromPem } from "./pem";
import type { ApnsCredentials } from "./types";

/** The APNs signing key (Apple's .p8 file: an ECDSA P-256 key in PKCS#8); anything else throws InvalidKeyError. */
export async function parseApnsKey(pem: string): Promise<CryptoKey> {
  const der = pkcs8FromPem(pem, "apnsConfig.privateKeyPem");
  try {
    return await crypto.subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  } catch {
    throw new InvalidKeyError("apnsConfig.privateKeyPem must be an ECDSA P-256 private key (the .p8 signing key from Apple).");
  }
}

/** A provider authentication token: `{alg: ES256, kid}` `{iss: teamId, iat}` signed with the team's key (Apple: token-based connection to APNs). */
export async function mintApnsToken(credentials: Pick<ApnsCredentials, "teamId" | "keyId" | "privateKeyPem">, now: number): Promise<string> {
  const key = await parseApnsKey(credentials.privateKeyPem);
  return signJwt(key, { alg: "ES256", kid: credentials.keyId }, { iss: credentials.teamId, iat: Math.floor(now / 1000) });
}
