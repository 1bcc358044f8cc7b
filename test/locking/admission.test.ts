import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { newId } from "../../src/db/ids";
import { admissionStatement, ATTEMPT_LEASE_MS, failureStatements, releaseStatement } from "../../src/locking/statements";
import { lockConfig } from "../../src/locking/engine";
import { storeWithUser } from "../support/fixtures";

const db = database(env.DB);
const admit = (userId: string, now: number, modality: "totp" | "passcode" = "totp") => admissionStatement(db, { attemptId: newId(now), now, expiresAt: now + ATTEMPT_LEASE_MS }, sql`${userId}`, modality);
const admitted = async (userId: string, n: number, now: number, modality: "totp" | "passcode" = "totp") =>
  (await Promise.all(Array.from({ length: n }, () => admit(userId, now, modality)))).filter((rows) => rows.length === 1).length;

describe("attempt admission (src/locking/statements.ts)", () => {
  it("of 20 concurrent admissions exactly the modality threshold get a slot", async () => {
    const { userId } = await storeWithUser({ userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 50 } });
    expect(await admitted(userId, 20, Date.now())).toBe(3);
  });

  it("the user threshold bounds admissions across modalities", async () => {
    const { userId } = await storeWithUser({ userLockConfig: { modalityMaxFailedAttempts: 50, maxFailedAttempts: 4 } });
    const now = Date.now();
    const [totp, passcode] = await Promise.all([admitted(userId, 10, now, "totp"), admitted(userId, 10, now, "passcode")]);
    expect(totp + passcode).toBe(4);
  });

  it("counted failures and attempts in flight share the budget; a release frees the slot", async () => {
    const { userId } = await storeWithUser({ userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 50 } });
    const now = Date.now();
    const config = lockConfig({ userLockConfig: { modalityMaxFailedAttempts: 3, maxFailedAttempts: 50 } });
    await db.batch([...failureStatements(db, userId, "totp", config, now)]);
    const [slot] = await admit(userId, now);
    expect(slot).toBeDefined();
    expect(await admitted(userId, 5, now)).toBe(1);
    await releaseStatement(db, slot!.id, userId, now);
    expect(await admitted(userId, 5, now)).toBe(1);
  });

  it("a reservation that was never released lapses after its lease", async () => {
    const { userId } = await storeWithUser({ userLockConfig: { modalityMaxFailedAttempts: 1 } });
    const now = Date.now();
    expect(await admitted(userId, 3, now)).toBe(1);
    expect(await admitted(userId, 3, now + ATTEMPT_LEASE_MS - 1)).toBe(0);
    expect(await admitted(userId, 3, now + ATTEMPT_LEASE_MS)).toBe(1);
  });

  it("a user of a disabled status or inside a temporary lock is never admitted", async () => {
    const { userId } = await storeWithUser({ defaultUserStatus: "DISABLED" });
    expect(await admitted(userId, 3, Date.now())).toBe(0);
  });
});
