import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { authenticate, passcodeUser, register } from "../support/passcodes";

describe("passcodes and locking", () => {
  it("wrong proofs lock the passcode modality (2101) at its threshold; the lock refuses the start too", async () => {
    const f = await passcodeUser({}, { userLockConfig: { modalityMaxFailedAttempts: 2, maxFailedAttempts: 10 } });
    await register(f, "right");
    for (let i = 1; i <= 2; i++) {
      const { complete } = await authenticate(f, "wrong");
      expect(complete.body.code).toBe(2404);
      expect(complete.body.user.locks.modalities.passcode.failedAttempts).toBe(i);
    }
    const { start } = await authenticate(f, "right");
    expect(start.status).toBe(400);
    expect(start.body.code).toBe(2101);
    expect(start.body.user.locks.modalities.passcode.lockedUntilDtm).not.toBeNull();
  });

  it("a lock that sets in between start and complete refuses the complete (2100) without counting", async () => {
    const f = await passcodeUser({}, { userLockConfig: { maxFailedAttempts: 1, modalityMaxFailedAttempts: 5 } });
    await register(f, "right");
    const pending = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
    expect((await authenticate(f, "wrong")).complete.body.user.status).toBe("TEMP_LOCKED");
    const { ourClient } = await import("../support/passcodes");
    const proof = await ourClient.proof(pending.body.identity, "right", pending.body.srp, pending.body.salt, pending.body.B);
    const res = await api("POST", `${f.sessions}/authentications/sessions/${pending.body.sessionId}`, { body: { A: proof.A, M1: proof.M1 } });
    expect(res.body.code).toBe(2100);
    expect(res.body.user.locks.failedAttempts).toBe(1);
  });

  it("a disabled user is refused with 2102", async () => {
    const f = await passcodeUser();
    await register(f, "right");
    await api("POST", f.userPath, { body: { status: "DISABLED" } });
    expect((await authenticate(f, "right")).start.body.code).toBe(2102);
  });

  it("a success resets the counters", async () => {
    const f = await passcodeUser();
    await register(f, "right");
    await authenticate(f, "wrong");
    const { complete } = await authenticate(f, "right");
    expect(complete.body.user.locks).toMatchObject({ failedAttempts: 0, modalities: {} });
  });
});
