import { z } from "@hono/zod-openapi";

const Pem = z.string().min(1).max(16384).openapi({ description: "PKCS#8 PEM. Write-only: parsed when written, stored encrypted, shown as `***` (send `***` to keep the stored key)." });

export const ApnsConfig = z
  .object({
    teamId: z.string().regex(/^[A-Z0-9]{10}$/, "a 10-character Apple team id"),
    keyId: z.string().regex(/^[A-Z0-9]{10}$/, "a 10-character APNs key id"),
    bundleId: z.string().min(1).max(255).regex(/^[A-Za-z0-9.-]+$/, "an app bundle id such as com.bank.app").openapi({ description: "Sent as `apns-topic`." }),
    privateKeyPem: Pem.openapi({ description: "The APNs auth key (.p8): a P-256 PKCS#8 private key. Write-only, shown as `***`." }),
    production: z.boolean().default(false).openapi({ description: "false: the APNs sandbox (development builds)." }),
  })
  .strict()
  .openapi("ApnsConfig");

export const FcmConfig = z
  .object({
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a Firebase project id"),
    clientEmail: z.email().max(320).openapi({ description: "The service account's e-mail (the JWT's `iss`)." }),
    privateKeyPem: Pem.openapi({ description: "The service account's RSA PKCS#8 private key. Write-only, shown as `***`." }),
  })
  .strict()
  .openapi("FcmConfig");

export const PushNotificationPolicy = z
  .object({
    description: z.string().max(1024).nullable().default(null),
    apnsConfig: ApnsConfig.optional(),
    fcmConfig: FcmConfig.optional(),
    ttlSec: z.number().int().min(5).max(600).default(120).openapi({ description: "How long a push can be answered." }),
    maxPendingPerUser: z.number().int().min(1).max(10).default(1).openapi({ description: "Pending pushes per user and relying party; a new push supersedes the oldest." }),
    maxUnansweredBeforeBlock: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .openapi({ description: "Declined, expired, superseded or refused pushes since the user's last successful authentication before further sends get 429/9008." }),
    blockSec: z.number().int().min(1).max(86400).default(900).openapi({ description: "How long sends stay blocked after the cap is reached (or until the user authenticates)." }),
    numberMatching: z.boolean().default(true).openapi({ description: "The caller shows a 6-digit number; the user types it into the app, which sends it with the signed answer." }),
  })
  .strict()
  .openapi("PushNotificationPolicy");

export type ApnsConfig = z.output<typeof ApnsConfig>;
export type FcmConfig = z.output<typeof FcmConfig>;
export type PushNotificationPolicy = z.output<typeof PushNotificationPolicy>;
