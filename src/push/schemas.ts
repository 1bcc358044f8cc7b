import { z } from "@hono/zod-openapi";
import { RpId } from "../appkeys/policy";
import { PushPlatform } from "../appkeys/schemas";
import { ClientContext } from "../audit/schemas";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { UserParams } from "../users/schemas";

export const PUSH_STATUSES = ["QUEUED", "SENT", "APPROVED", "DECLINED", "EXPIRED", "SUPERSEDED", "FAILED"] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];
export const PENDING_STATUSES = ["QUEUED", "SENT"] as const satisfies readonly PushStatus[];

export const DELIVERY_STATUSES = ["QUEUED", "SENT", "FAILED", "INVALID_TOKEN"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const PushDevice = z
  .object({
    deviceId: z.string(),
    platform: PushPlatform,
    status: z.enum(DELIVERY_STATUSES),
    error: z.string().optional().openapi({ description: "Why the delivery failed (the service's reason)." }),
  })
  .openapi("PushDevice");

export const Push = z
  .object({
    id: z.string(),
    rpId: z.string(),
    status: z.enum(PUSH_STATUSES),
    devices: z.array(PushDevice),
    createdDtm: Dtm,
    expirationDtm: Dtm,
    answeredDtm: Dtm.optional(),
    authenticationId: z.string().optional().openapi({ description: "The audit record of the approving authentication." }),
  })
  .openapi("Push");

export const SentPush = Push.extend({
  matchingNumber: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .openapi({ description: "Show it on the sign-in screen; the user types it into the app. Returned only here, never again, never sent to a device. Absent without number matching." }),
}).openapi("SentPush");

// APNs and FCM accept 4 KiB; the UAF request with the transaction takes most of it.
const Text = (max: number) => z.string().min(1).max(max);

export const SendPush = z
  .object({
    title: Text(128).openapi({ description: "The notification's alert title." }),
    body: Text(512).openapi({ description: "The notification's alert text." }),
    data: z
      .record(z.string().max(64), z.string().max(256))
      .refine((data) => Object.keys(data).length <= 16, "at most 16 entries")
      .optional()
      .openapi({ description: "Strings the app receives as `data` (APNs: a `data` object; FCM: `data.data`, JSON)." }),
    authPolicyName: ResourceName.optional().openapi({ description: "The appkey authentication policy (default `default`)." }),
    transaction: z
      .object({ contentType: z.literal("text/plain"), content: Text(512) })
      .strict()
      .optional()
      .openapi({ description: "The text the app shows and the device key signs; default `Sign in to <rpId>?`." }),
  })
  .strict()
  .openapi("SendPush");

export const AnswerPush = z
  .object({
    fidoAuthenticationResponse: z.string().min(1).max(65536).optional().openapi({ description: "Approve: the UAF AuthenticationResponse (JSON string) to the push's request." }),
    matchingNumber: z.string().max(16).optional().openapi({ description: "Approve: the number the user typed (with number matching)." }),
    decline: z
      .object({ reason: z.enum(["NOT_ME", "CANCELLED", "OTHER"]), text: z.string().max(256).optional() })
      .strict()
      .optional(),
    context: ClientContext.optional(),
  })
  .strict()
  .openapi("AnswerPush");

export const SendParams = UserParams.extend({ rpId: RpId });
export const UserPushParams = UserParams.extend({ id: z.string().min(1).max(64) });
export const AnswerParams = z.object({ storeName: ResourceName, id: z.string().min(1).max(64) }).strict();
