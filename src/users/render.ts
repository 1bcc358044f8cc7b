import type { Db } from "../db/client";
import { toDtm } from "../http/dtm";
import { effectiveStatus, lockView } from "../locking/state";
import { summaryInfo } from "./summary";
import type { UserProfile, UserRow, UserState } from "./storage";

export function renderUserListItem(user: UserRow, now: number) {
  return {
    id: user.id,
    extId: user.extId,
    storeId: user.storeId,
    status: effectiveStatus(user, now),
    createdDtm: toDtm(user.createdAt),
    lastUpdatedDtm: toDtm(user.updatedAt),
  };
}

/** The full User resource, with lock state as of `now` and the computed summaryInfo. */
export async function renderUser(db: Db, { user, modalities }: UserState, now: number) {
  const profile = user.profile as UserProfile;
  return {
    ...renderUserListItem(user, now),
    type: profile.type ?? null,
    firstName: profile.firstName ?? null,
    lastName: profile.lastName ?? null,
    email: profile.email ?? null,
    dateOfBirth: profile.dateOfBirth ?? null,
    nationalities: profile.nationalities ?? [],
    locale: profile.locale ?? { language: "en", country: null, variant: null },
    timezone: profile.timezone ?? "UTC",
    attributes: user.attributes as Record<string, unknown>,
    locks: lockView(user, modalities, now),
    summaryInfo: await summaryInfo(db, user.id),
    lastAuthenticatedDtm: toDtm(user.lastAuthenticatedAt),
  };
}

export type RenderedUser = Awaited<ReturnType<typeof renderUser>>;
