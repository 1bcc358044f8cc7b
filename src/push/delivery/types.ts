/** What reaching one device needs: the policy's credentials (private keys in PEM, already decrypted). */
export interface ApnsCredentials {
  teamId: string;
  keyId: string;
  bundleId: string;
  privateKeyPem: string;
  production: boolean;
}

export interface FcmCredentials {
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
}

/** The push as it reaches one device (never the matching number). */
export interface DeviceMessage {
  platform: "APNS" | "FCM";
  token: string;
  title: string;
  body: string;
  pushId: string;
  rpId: string;
  fidoAuthenticationRequest: string;
  /** The sender's own strings for the app (APNs: a `data` object; FCM: `data.data`, as JSON). */
  data?: Record<string, string>;
  /** Milliseconds since the epoch: APNs `apns-expiration`, FCM `android.ttl`. */
  expiresAt: number;
}

/** The outcome of one delivery: SENT, a dead token, a final failure, or worth retrying later. */
export type DeliveryResult =
  | { status: "SENT" }
  | { status: "INVALID_TOKEN"; error: string }
  | { status: "FAILED"; error: string }
  | { status: "RETRY"; error: string; retryAfterSec?: number };

/** One request's outcome as a sender sees it: also "the provider/access token was refused" (refreshed once, then FAILED). */
export type SendOutcome = DeliveryResult | { status: "AUTH_REJECTED"; error: string };
