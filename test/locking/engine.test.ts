import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { auditInsert } from "../../src/audit/writer";
import { database } from "../../src/db/client";
import { assertCanAuthenticate, recordFailure, recordSuccess } from "../../src/locking/engine";
import { ApiError } from "../../src/http/errors";
import { requireStore } from "../../src/stores/storage";
import { requireUserState } from "../../src/users/storage";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";

async function attemptScope(store: string, userId: string) {
  const db = database(env.DB);
  const storeRow = await requireStore(db, "tenant-a", store);
  const state = await requireUserState(db, storeRow.id, { by: "id", value: userId });
  return { db, store: storeRow, state, now: Date.now() };
}

describe("locking engine (the module every modality calls)", () => {
  it("recordSuccess resets user and modality counters, ends PENDING_ACTIVE and stamps lastAuthenticatedDtm", async () => {
    const { store, userId, userPath } = await storeWithUser({ defaultUserStatus: "PENDING_ACTIVE" });
    await recordFailure(await attemptScope(store, userId), "totp");
    await recordFailure(await attemptScope(store, userId), "passcode");
    const before = (await api("GET", userPath)).body;
    expect(before.locks.failedAttempts).toBe(2);
    expect(before.status).toBe("PENDING_ACTIVE");

    const user = await recordSuccess(await attemptScope(store, userId), "totp");
    expect(user.status).toBe("ACTIVE");
    expect(user.locks.failedAttempts).toBe(0);
    expect(user.locks.modalities).toEqual({ passcode: { failedAttempts: 1, lockedUntilDtm: null } });
    expect(user.lastAuthenticatedDtm).not.toBeNull();
  });

  it("assertCanAuthenticate refuses a locked modality with the user attached", async () => {
    const { store, userId } = await storeWithUser({ userLockConfig: { modalityMaxFailedAttempts: 1 } });
    await recordFailure(await attemptScope(store, userId), "totp");
    const scope = await attemptScope(store, userId);
    const error = await assertCanAuthenticate(scope, "totp").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(2101);
    expect((error as ApiError).user).toMatchObject({ id: userId });
    await expect(assertCanAuthenticate(scope, "passcode")).resolves.toBeUndefined();
  });

  it("a success and its audit row land together, or neither does", async () => {
    const { store, userId, userPath } = await storeWithUser();
    const scope = await attemptScope(store, userId);
    await recordFailure(scope, "totp");
    const audit = auditInsert(scope.db, { type: "TOTP", result: "SUCCESS", storeId: "no-such-store", userId, context: {}, info: {}, displayInfo: {} }, scope.now);
    await expect(recordSuccess(await attemptScope(store, userId), "totp", [audit.statement])).rejects.toThrow();
    const user = (await api("GET", userPath)).body;
    expect(user.locks.failedAttempts).toBe(1);
    expect(user.lastAuthenticatedDtm).toBeNull();
  });
});
