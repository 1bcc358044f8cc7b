import { z } from "@hono/zod-openapi";
import { Dtm } from "../http/dtm";
import { ResourceName } from "../http/names";
import { userIdParam } from "../http/route";
import { USER_STATUSES } from "../locking/state";
import { Locale, TimeZone } from "../stores/configuration";

export const UserStatus = z.enum(USER_STATUSES).openapi("UserStatus");

const ModalityLocks = z.object({ failedAttempts: z.number().int(), lockedUntilDtm: Dtm.nullable() });

export const Locks = z
  .object({
    failedAttempts: z.number().int(),
    tempLockCount: z.number().int(),
    lockedUntilDtm: Dtm.nullable(),
    modalities: z.record(z.string(), ModalityLocks),
  })
  .openapi("UserLocks");

export const SummaryInfo = z
  .object({
    biometrics: z.array(z.record(z.string(), z.unknown())),
    appkeys: z.array(z.record(z.string(), z.unknown())),
    passkeys: z.array(z.record(z.string(), z.unknown())),
    totps: z.array(z.record(z.string(), z.unknown())),
    passcodes: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi("SummaryInfo", { description: "Computed by the server: one small summary per credential." });

const Attributes = z.record(z.string(), z.unknown()).openapi({ description: "Free-form; validated against the store's attributeSchema (400/2200)." });

const profileFields = {
  type: z.string().max(64).nullable().optional(),
  firstName: z.string().max(128).nullable().optional(),
  lastName: z.string().max(128).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  nationalities: z.array(z.string().regex(/^[A-Z]{2}$/, "ISO 3166 alpha-2")).max(10).optional(),
  locale: Locale.optional(),
  timezone: TimeZone.optional(),
};

const ExtId = z.string().min(1).max(256).openapi({ example: "customer-42" });

export const User = z
  .object({
    id: z.string(),
    extId: ExtId,
    storeId: z.string(),
    status: UserStatus,
    type: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    nationalities: z.array(z.string()),
    locale: Locale,
    timezone: z.string(),
    attributes: Attributes,
    locks: Locks,
    summaryInfo: SummaryInfo,
    createdDtm: Dtm,
    lastUpdatedDtm: Dtm,
    lastAuthenticatedDtm: Dtm.nullable(),
  })
  .openapi("User");

const IgnoredSummaryInfo = z.unknown().optional().openapi({ description: "Accepted for compatibility and ignored: computed by the server." });

export const CreateUser = z
  .object({
    extId: ExtId,
    status: z.enum(["ACTIVE", "PENDING_ACTIVE", "DISABLED"]).optional().openapi({ description: "Default: the store's defaultUserStatus." }),
    ...profileFields,
    attributes: Attributes.optional(),
    summaryInfo: IgnoredSummaryInfo,
  })
  .strict()
  .openapi("CreateUser");

export const UpdateUser = z
  .object({
    extId: ExtId.optional(),
    status: z.enum(["ACTIVE", "DISABLED", "LOCKED"]).optional().openapi({
      description: "ACTIVE also unlocks: clears every failure counter and modality lock.",
    }),
    ...profileFields,
    attributes: Attributes.optional().openapi({ description: "JSON Merge Patch of the attributes; the result is validated." }),
    summaryInfo: IgnoredSummaryInfo,
  })
  .strict()
  .openapi("UpdateUser");

export const UserListItem = User.pick({ id: true, extId: true, storeId: true, status: true, createdDtm: true, lastUpdatedDtm: true }).openapi("UserListItem");

export const UserListQuery = z
  .object({ extId: ExtId.optional(), status: UserStatus.optional() })
  .strict();

export const UserParams = z.object({ storeName: ResourceName, userId: userIdParam }).strict();
