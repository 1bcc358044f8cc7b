import { post } from "./http";
import { signJwt } from "./jwt";
import { InvalidKeyError, pkcs8FromPem } from "./pem";
import type { FcmCredentials } from "./types";

const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
/** Google accepts an assertion valid for at most an hour. */
const ASSERTION_LIFETIME_SEC = 3600;

export interface AccessToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenFailure {
  error: string;
  retryable: boolean;
}

/** The service account's key (the `private_key` of its JSON key file: RSA in PKCS#8); anything else throws InvalidKeyError. */
export async function parseFcmKey(pem: string): Promise<CryptoKey> {
  const der = pkcs8FromPem(pem, "fcmConfig.privateKeyPem");
  try {
    return await crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    throw new InvalidKeyError("fcmConfig.privateKeyPem must be an RSA private key (the private_key of the service account's JSON key).");
  }
}

/**
 * An OAuth 2.0 access token for FCM, from the JWT-bearer grant (RFC 7523; Google: "Using OAuth 2.0
 * for server to server applications"): an RS256 assertion by the service account, posted to the
 * token endpoint, which is also the assertion's audience.
 */
export async function exchangeFcmToken(credentials: Pick<FcmCredentials, "clientEmail" | "privateKeyPem">, tokenUrl: string, now: number, timeoutMs: number): Promise<AccessToken | TokenFailure> {
  const iat = Math.floor(now / 1000);
  const claims = { iss: credentials.clientEmail, scope: FCM_SCOPE, aud: tokenUrl, iat, exp: iat + ASSERTION_LIFETIME_SEC };
  const assertion = await signJwt(await parseFcmKey(credentials.privateKeyPem), { alg: "RS256", typ: "JWT" }, claims);
  const form = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
  const answer = await post(tokenUrl, { "content-type": "application/x-www-form-urlencoded" }, form.toString(), timeoutMs);
  if ("error" in answer) return { error: `FCM token endpoint ${answer.error}`, retryable: true };
  const body = answer.body as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | null;
  if (answer.status === 200 && typeof body?.access_token === "string" && typeof body.expires_in === "number") {
    return { token: body.access_token, expiresAt: now + body.expires_in * 1000 };
  }
  const reason = [body?.error, body?.error_description].filter((part) => typeof part === "string").join(": ");
  return { error: `FCM token endpoint ${answer.status}${reason ? ` ${reason}` : ""}`, retryable: answer.status === 429 || answer.status >= 500 };
}
