import type { D1Meter } from "./db/meter";
import type { PushProviderTokens } from "./push/delivery/provider-tokens";
import type { CeremonySessions } from "./sessions/durable-object";
import type { SummarySource } from "./users/view";

export interface Bindings {
  DB: D1Database;
  SESSIONS: DurableObjectNamespace<CeremonySessions>;
  /** The face service container (production); typed by src/face/service.ts, which alone uses it. */
  FACE_CONTAINER: DurableObjectNamespace;
  /** The face service over HTTP (local dev and CI); when set it is used instead of the container. */
  FACE_SERVICE_URL?: string;
  /** HS256 secret for caller tokens (local dev and tests). */
  AUTH_JWT_SECRET?: string;
  /** JWKS for caller tokens in production (RS256/ES256/EdDSA). */
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE?: string;
  /** Longest accepted token lifetime in seconds (`exp − iat`); default 86400. */
  AUTH_MAX_TOKEN_LIFETIME_SEC?: string;
  /** Requests per tenant (key: the tenant). */
  TENANT_RATE_LIMITER: RateLimit;
  /** Verifying attempts per user and modality (key: store id, user id, modality). */
  ATTEMPT_RATE_LIMITER: RateLimit;
  /** Push deliveries and expiries (src/push/queue.ts), consumed by this Worker. */
  PUSH_QUEUE: Queue;
  /** APNs provider tokens and FCM access tokens, one instance per policy key (src/push/delivery). */
  PUSH_TOKENS: DurableObjectNamespace<PushProviderTokens>;
  /** Replaces Apple's hosts (`${APNS_BASE_URL}/3/device/<token>`); default by the policy's `production`. */
  APNS_BASE_URL?: string;
  /** Default https://fcm.googleapis.com. */
  FCM_BASE_URL?: string;
  /** The OAuth2 token endpoint for FCM; default https://oauth2.googleapis.com/token. */
  FCM_TOKEN_URL?: string;
  /** Per request to APNs/FCM, in ms; default 10000. */
  PUSH_TIMEOUT_MS?: string;
  /** First retry delay in ms (doubled each time); default 250. */
  PUSH_RETRY_BASE_MS?: string;
  /** Root secret from which the AES-GCM / HMAC keys for data at rest are derived. */
  DATA_ENCRYPTION_KEY: string;
}

export interface Caller {
  tenant: string;
  scopes: ReadonlySet<string>;
  subject?: string;
}

export type UserRef = { by: "id"; value: string } | { by: "extId"; value: string };

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    caller: Caller;
    userRef: UserRef;
    d1Meter: D1Meter;
    /** Every capability's summaryInfo source (set by the app from the list of capabilities). */
    summaries: readonly SummarySource[];
  };
}
