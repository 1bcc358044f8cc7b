import { z } from "@hono/zod-openapi";
import { ResourceName } from "../http/names";

const Hint = z.enum(["security-key", "client-device", "hybrid"]);
const Hints = z
  .array(Hint)
  .max(3)
  .refine((hints) => new Set(hints).size === hints.length, "hints must not repeat")
  .openapi({ description: "Ordered by decreasing preference (WebAuthn L3 hints)." });
const UserVerification = z.enum(["required", "preferred", "discouraged"]);

export const PasskeyRegistrationPolicy = z
  .object({
    userVerification: UserVerification.default("required"),
    residentKey: z.enum(["required", "preferred", "discouraged"]).default("required"),
    attestation: z.enum(["none", "direct", "enterprise"]).default("none"),
    timeoutSec: z.number().int().min(30).max(3600).default(300),
    hints: Hints.default(["client-device"]),
    allowExternalChallenge: z.boolean().default(false),
    excludeExistingCredentials: z.boolean().default(true),
    allowedAaguids: z.array(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "an AAGUID, lower-case")).nullable().default(null),
  })
  .strict()
  .openapi("PasskeyRegistrationPolicy");

export const PasskeyAuthenticationPolicy = z
  .object({
    userVerification: UserVerification.default("required"),
    timeoutSec: z.number().int().min(30).max(3600).default(300),
    hints: Hints.default(["client-device", "hybrid"]),
    allowExternalChallenge: z.boolean().default(false),
  })
  .strict()
  .openapi("PasskeyAuthenticationPolicy");

/**
 * A relying-party id: a host name (lower case) such as example.com, or localhost. Never an IP
 * address: WebAuthn's rpId is a domain, and browsers refuse a ceremony on a page opened at an IP
 * (a host whose last label is numeric is an IPv4 address for the URL parser; IPv6 has colons).
 */
export const RpId = z
  .string()
  .max(253)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, "a lower-case host name")
  .refine(
    (host) => !/(?:^|\.)(?:\d+|0x[0-9a-f]*)$/.test(host),
    "must be a domain, not an IP address: WebAuthn has no relying party at an IP address (for local development use localhost)",
  )
  .openapi({ example: "example.com", description: "A lower-case domain (e.g. example.com, or localhost); never an IP address." });

export const PasskeyConfig = z
  .object({
    rpName: z.string().min(1).max(64).optional().openapi({ description: "Shown by the authenticator; default: the rpId." }),
    restrictedOrigins: z.array(z.url()).max(32).default([]).openapi({ description: "Empty: https://<rpId> and its subdomains." }),
    sessionManagement: z.enum(["INTERNAL", "EXTERNAL"]).default("INTERNAL"),
    registrationPolicies: z.record(ResourceName, PasskeyRegistrationPolicy).prefault({ default: {} }),
    authenticationPolicies: z.record(ResourceName, PasskeyAuthenticationPolicy).prefault({ default: {} }),
  })
  .strict()
  .openapi("PasskeyConfig");

export type PasskeyConfig = z.output<typeof PasskeyConfig>;
