import { z } from "@hono/zod-openapi";
import { ResourceName } from "../http/names";

/** A relying-party id: a lower-case host name such as bank.example. */
export const RpId = z
  .string()
  .max(253)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, "a lower-case host name")
  .openapi({ example: "bank.example" });

export const KEY_TYPES = ["DEVICE", "BIOMETRIC", "DEVICE_AND_BIOMETRIC"] as const;
export const KeyType = z.enum(KEY_TYPES);
export type KeyType = (typeof KEY_TYPES)[number];

const KeyTypes = z
  .array(KeyType)
  .min(1)
  .max(3)
  .refine((types) => new Set(types).size === types.length, "key types must not repeat");

/** An AAID: 4 hex digits, '#', 4 hex digits (UAF Protocol §3.1.4). */
export const Aaid = z.string().regex(/^[0-9A-Fa-f]{4}#[0-9A-Fa-f]{4}$/, "an AAID such as ABCD#0001");

export const AppkeyRegistrationPolicy = z
  .object({
    keyTypes: KeyTypes.default(["DEVICE", "BIOMETRIC"]),
    aaids: z.array(Aaid).max(256).nullable().default(null).openapi({ description: "null: any AAID; else the accepted list (also sent in the UAF policy)." }),
    timeoutSec: z.number().int().min(30).max(3600).default(300),
    attestation: z
      .enum(["ANY", "VERIFIED"])
      .default("ANY")
      .openapi({ description: "ANY: basic surrogate, or basic full (checked against trustRoots[aaid] when configured). VERIFIED: basic full chaining to a configured root (else 1097)." }),
  })
  .strict()
  .openapi("AppkeyRegistrationPolicy");

export const SingleShot = z
  .object({
    enabled: z.boolean().default(false),
    windowSec: z.number().int().min(10).max(3600).default(120).openapi({ description: "|now − challenge time| must be within this window (else 1090)." }),
  })
  .strict();

export const AppkeyAuthenticationPolicy = z
  .object({
    keyTypes: KeyTypes.default(["DEVICE", "BIOMETRIC"]),
    timeoutSec: z.number().int().min(30).max(3600).default(300),
    singleShot: SingleShot.prefault({}),
  })
  .strict()
  .openapi("AppkeyAuthenticationPolicy");

const Facet = z.string().min(1).max(512).openapi({ description: "android:apk-key-hash:…, ios:bundle-id:…, or an https origin." });
const Pem = z.string().min(1).max(16384).regex(/-----BEGIN CERTIFICATE-----/, "a PEM certificate");

export const AppkeyConfig = z
  .object({
    appId: z.url().max(512).optional().openapi({ description: "Omitted: the server's own trusted facets URL, …/api/identity-store/facets/{storeId}/{rpId}." }),
    trustedFacets: z.array(Facet).max(64).default([]),
    sessionManagement: z.enum(["INTERNAL", "EXTERNAL"]).default("INTERNAL"),
    registrationPolicies: z.record(ResourceName, AppkeyRegistrationPolicy).prefault({ default: {} }),
    authenticationPolicies: z.record(ResourceName, AppkeyAuthenticationPolicy).prefault({ default: {} }),
    trustRoots: z.record(Aaid, z.array(Pem).min(1).max(16)).default({}).openapi({ description: "Per AAID: only basic full attestation chaining to one of these roots is accepted." }),
  })
  .strict()
  .openapi("AppkeyConfig");

export type AppkeyConfig = z.output<typeof AppkeyConfig>;
export type AppkeyRegistrationPolicy = z.output<typeof AppkeyRegistrationPolicy>;
export type AppkeyAuthenticationPolicy = z.output<typeof AppkeyAuthenticationPolicy>;
