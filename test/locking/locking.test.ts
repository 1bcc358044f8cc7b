import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { faceFailure, storeWithUser } from "../support/fixtures";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("locking through the biometric failure endpoint", () => {
  it("counts a failure for the user and the face modality in the response", async () => {
    const { userPath } = await storeWithUser();
    const res = await faceFailure(userPath, { type: "face", reason: "no match on device" });
    expect(res.status).toBe(200);
    expect(res.body.user.locks).toMatchObject({ failedAttempts: 1, tempLockCount: 0, lockedUntilDtm: null, modalities: { face: { failedAttempts: 1, lockedUntilDtm: null } } });
    expect(res.body.user.status).toBe("ACTIVE");
  });

  it("locks the face modality at faceMaxFailedAttempts; then 2101 with the user, not counted again", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { faceMaxFailedAttempts: 2, maxFailedAttempts: 10 } });
    await faceFailure(userPath);
    const locking = await faceFailure(userPath);
    expect(locking.status).toBe(200);
    expect(locking.body.user.locks.modalities.face.lockedUntilDtm).not.toBeNull();
    const refused = await faceFailure(userPath);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(2101);
    expect(refused.body.user.locks.failedAttempts).toBe(2);
    expect(refused.body.user.locks.modalities.face.failedAttempts).toBe(2);
  });

  it("TEMP_LOCKs the user at maxFailedAttempts, refuses with 2100, and the lock ends by itself", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: 2, tempLockDurationSec: 1, faceMaxFailedAttempts: 50 } });
    await faceFailure(userPath);
    const locked = await faceFailure(userPath);
    expect(locked.body.user.status).toBe("TEMP_LOCKED");
    expect(locked.body.user.locks).toMatchObject({ failedAttempts: 2, tempLockCount: 1 });
    expect(Date.parse(locked.body.user.locks.lockedUntilDtm)).toBeGreaterThan(Date.now());
    const refused = await faceFailure(userPath);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(2100);
    expect(refused.body.user.status).toBe("TEMP_LOCKED");

    await sleep(1100);
    const after = await api("GET", userPath);
    expect(after.body.status).toBe("ACTIVE");
    expect(after.body.locks).toMatchObject({ failedAttempts: 0, tempLockCount: 1, lockedUntilDtm: null });
    const counted = await faceFailure(userPath);
    expect(counted.body.user.locks).toMatchObject({ failedAttempts: 1, tempLockCount: 1 });
    expect(counted.body.user.status).toBe("ACTIVE");
  });

  it("the maxTempLocks-th temporary lock in a row is LOCKED until an admin unlocks", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: 1, tempLockDurationSec: 1, maxTempLocks: 2, faceMaxFailedAttempts: 50 } });
    expect((await faceFailure(userPath)).body.user.status).toBe("TEMP_LOCKED");
    await sleep(1100);
    const second = await faceFailure(userPath);
    expect(second.body.user.status).toBe("LOCKED");
    expect(second.body.user.locks).toMatchObject({ tempLockCount: 2, lockedUntilDtm: null });
    await sleep(1100);
    expect((await api("GET", userPath)).body.status).toBe("LOCKED");
    expect((await faceFailure(userPath)).body.code).toBe(2100);

    const unlocked = await api("POST", userPath, { body: { status: "ACTIVE" } });
    expect(unlocked.body.status).toBe("ACTIVE");
    expect(unlocked.body.locks).toEqual({ failedAttempts: 0, tempLockCount: 0, lockedUntilDtm: null, modalities: {} });
  });

  it("maxTempLocks 0 never escalates to LOCKED", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: 1, tempLockDurationSec: 1, maxTempLocks: 0, faceMaxFailedAttempts: 50 } });
    for (let i = 0; i < 3; i++) {
      expect((await faceFailure(userPath)).body.user.status).toBe("TEMP_LOCKED");
      await sleep(1050);
    }
  });

  it("a disabled user is refused with 2102; a LOCKED one with 2100", async () => {
    const { userPath } = await storeWithUser();
    await api("POST", userPath, { body: { status: "DISABLED" } });
    const disabled = await faceFailure(userPath);
    expect(disabled.status).toBe(400);
    expect(disabled.body.code).toBe(2102);
    expect(disabled.body.user.status).toBe("DISABLED");
    await api("POST", userPath, { body: { status: "LOCKED" } });
    expect((await faceFailure(userPath)).body.code).toBe(2100);
  });

  it("the /ext variant records against the same user; bad bodies are 400/9001", async () => {
    const { store, extId, userPath } = await storeWithUser();
    const res = await api("POST", `/stores/${store}/users/${extId}/biometrics/authentications/failure/ext`, { body: { type: "face" } });
    expect(res.status).toBe(200);
    expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(1);
    expect((await faceFailure(userPath, { type: "voice" })).status).toBe(400);
    expect((await faceFailure(userPath, { type: "face", extra: true })).body.code).toBe(9001);
  });
});
