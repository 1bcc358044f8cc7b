import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { faceFailure, storeWithUser } from "../support/fixtures";

describe("locking counters under concurrency", () => {
  it("N parallel failures against a threshold of N leave the user locked with exactly N", async () => {
    const n = 12;
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: n, faceMaxFailedAttempts: 100 } });
    const results = await Promise.all(Array.from({ length: n }, () => faceFailure(userPath)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const user = (await api("GET", userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(n);
    expect(user.locks.tempLockCount).toBe(1);
    expect(user.locks.modalities.face.failedAttempts).toBe(n);
  });

  it("failures beyond the threshold in the same burst are not counted past the lock", async () => {
    const n = 5;
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: n, faceMaxFailedAttempts: 100 } });
    const results = await Promise.all(Array.from({ length: n + 7 }, () => faceFailure(userPath)));
    expect(results.every((r) => r.status === 200 || r.body.code === 2100)).toBe(true);
    const user = (await api("GET", userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(n);
    expect(user.locks.tempLockCount).toBe(1);
    expect(user.locks.modalities.face.failedAttempts).toBe(n);
  });

  it("parallel failures of a modality lock it at its own threshold exactly", async () => {
    const { userPath } = await storeWithUser({ userLockConfig: { maxFailedAttempts: 100, faceMaxFailedAttempts: 4 } });
    await Promise.all(Array.from({ length: 10 }, () => faceFailure(userPath)));
    const user = (await api("GET", userPath)).body;
    expect(user.locks.modalities.face.failedAttempts).toBe(4);
    expect(user.locks.modalities.face.lockedUntilDtm).not.toBeNull();
    expect(user.locks.failedAttempts).toBe(4);
  });
});
