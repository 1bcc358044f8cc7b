import { z } from "@hono/zod-openapi";
import { ClientContext } from "../audit/schemas";
import { Dtm } from "../http/dtm";
import { ResourceName, } from "../http/names";
import { User, UserParams } from "../users/schemas";

export const TotpStatus = z.enum(["PENDING", "ACTIVE", "DISABLED"]);

export const Totp = z
  .object({
    id: z.string(),
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
    status: TotpStatus,
    issuer: z.string(),
    username: z.string(),
    policyName: z.string(),
    algorithm: z.enum(["SHA1", "SHA256", "SHA512"]),
    digits: z.number().int(),
    period: z.number().int(),
    activatedDtm: Dtm.nullable(),
    expirationDtm: Dtm.nullable().openapi({ description: "Until when a PENDING TOTP can be completed." }),
    lastAuthenticatedWithDtm: Dtm.optional().openapi({ description: "Absent until the TOTP is first used to authenticate." }),
  })
  .openapi("Totp");

export const TotpPolicyParams = UserParams.extend({ policyName: ResourceName });
export const TotpIdParams = UserParams.extend({ id: z.string().min(1).max(64) });

export const Registration = z
  .object({
    user: User,
    totp: Totp,
    secret: z.string().openapi({ description: "Base32 (RFC 4648, no padding)." }),
    uri: z.string().openapi({ example: "otpauth://totp/Retail:ada%40example.com?issuer=Retail&secret=…&algorithm=SHA1&digits=6&period=30" }),
    qrCodeSvg: z.string().openapi({ description: "The URI as an SVG QR code." }),
  })
  .openapi("TotpRegistration");

export const StartRegistration = z
  .object({ username: z.string().min(1).max(128).optional().openapi({ description: "Label in the app; default: the user's email, else extId." }) })
  .strict();

export const CodeBody = z
  .object({
    code: z.string().max(64).openapi({ example: "123456" }),
    context: ClientContext.optional(),
  })
  .strict()
  .openapi("TotpCode");

export const UpdateTotp = z.object({ status: z.enum(["ACTIVE", "DISABLED"]) }).strict();
