import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { coreConfiguration } from "../stores/configuration";
import type { StoreRow } from "../stores/storage";
import { assertAttributesConform } from "./attributes";
import { insertUser, type UserProfile, type UserRow } from "./storage";

export interface NewUser extends UserProfile {
  extId: string;
  status?: "ACTIVE" | "PENDING_ACTIVE" | "DISABLED";
  attributes?: Record<string, unknown>;
}

/** Creates a user with the store's defaults (status, locale, time zone); 409/9003 on a taken extId. */
export async function createUser(db: Db, store: StoreRow, { extId, status, attributes = {}, ...profile }: NewUser, now: number): Promise<UserRow> {
  const configuration = coreConfiguration(store.configuration);
  assertAttributesConform(store, attributes);
  const user = {
    id: newId(now),
    storeId: store.id,
    extId,
    status: status ?? configuration.defaultUserStatus,
    profile: { locale: configuration.defaultLocale, timezone: configuration.defaultTimezone, ...profile },
    attributes,
    failedAttempts: 0,
    tempLockCount: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    lastAuthenticatedAt: null,
  };
  await insertUser(db, user);
  return user;
}
