import { toDtm } from "../http/dtm";
import { effectiveStatus, lockView } from "../locking/state";
import type { UserProfile, UserRow } from "./storage";
import { SUMMARY_KEYS, type SummaryKey, type SummarySource, type UserView } from "./view";

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

function summaryInfo(view: UserView, sources: readonly SummarySource[]) {
  const info = Object.fromEntries(SUMMARY_KEYS.map((key) => [key, [] as Record<string, unknown>[]])) as Record<SummaryKey, Record<string, unknown>[]>;
  for (const source of sources) info[source.key] = (view.credentials[source.key] ?? []).map((row) => source.render(row as never));
  return info;
}

/** The full User resource from a view already read: lock state as of `now` and summaryInfo. */
export function renderUser(view: UserView, sources: readonly SummarySource[], now: number) {
  const { user, modalities } = view;
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
    summaryInfo: summaryInfo(view, sources),
    lastAuthenticatedDtm: toDtm(user.lastAuthenticatedAt),
  };
}

export type RenderedUser = ReturnType<typeof renderUser>;
