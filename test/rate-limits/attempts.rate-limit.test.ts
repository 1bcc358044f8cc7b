import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { faceFailure, storeWithUser } from "../support/fixtures";
import { inOneWindow, WINDOW_TEST_TIMEOUT_MS } from "./window";

/** This project binds ATTEMPT_RATE_LIMITER at 8 attempts per 60 s per user and modality (vitest.config.ts). */
describe("rate limit per user and modality (Workers Rate Limiting binding)", () => {
  it(
    "past the rate: 429/9008 with Retry-After and the user, not counted as a failure; other users and modalities are unaffected",
    () =>
      inOneWindow(async () => {
        const lenient = { userLockConfig: { maxFailedAttempts: 100, faceMaxFailedAttempts: 100 } };
        const { userPath } = await storeWithUser(lenient);
        for (let i = 0; i < 8; i++) expect((await faceFailure(userPath)).status).toBe(200);
        const limited = await faceFailure(userPath);
        expect(limited.status).toBe(429);
        expect(limited.body.code).toBe(9008);
        expect(limited.headers.get("retry-after")).toBe("60");
        expect(limited.body.user.locks.modalities.face.failedAttempts).toBe(8);
        expect((await api("GET", userPath)).body.locks.failedAttempts).toBe(8);

        const other = await storeWithUser(lenient);
        expect((await faceFailure(other.userPath)).status).toBe(200);
      }),
    WINDOW_TEST_TIMEOUT_MS,
  );
});
