/** The messages of the push queue (producer `PUSH_QUEUE`, consumed by this Worker). */
export type PushMessage =
  | { kind: "deliver"; tenant: string; storeId: string; pushId: string; deviceId: string }
  /** Sent with the push's ttl as delay: ends it as EXPIRED (and audits that) if it is still pending. */
  | { kind: "expire"; tenant: string; storeId: string; pushId: string };

export const PUSH_QUEUE_NAME = "identity-store-push";
