import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { lockConfig } from "../../src/locking/engine";
import { failureStatements } from "../../src/locking/statements";
import { updateUserStatement } from "../../src/users/storage";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";

/**
 * A user update writes only what it changes, computed from the row as it is when the write runs:
 * what concurrent requests write meanwhile (other attributes, other profile fields) stays.
 */
const db = database(env.DB);
const update = (userPath: string, body: object) => api("POST", userPath, { body });

describe("users: concurrent updates lose nothing written beside them", () => {
  it("attribute patches of different keys at once keep every key", async () => {
    const { userPath } = await storeWithUser(undefined, { attributes: { kept: true } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => update(userPath, { attributes: { [`k${i}`]: { value: i } } })));
    for (const answer of answers) expect(answer.status).toBe(200);
    const { attributes } = (await api("GET", userPath)).body;
    expect(attributes).toEqual({ kept: true, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, { value: i }])) });
  });

  it("profile fields updated at once by different requests are all kept", async () => {
    const { userPath } = await storeWithUser(undefined, { firstName: "Ada", lastName: "Lovelace" });
    const answers = await Promise.all([
      update(userPath, { firstName: "Grace" }),
      update(userPath, { lastName: "Hopper" }),
      update(userPath, { nationalities: ["US"] }),
      update(userPath, { locale: { language: "en", country: "US", variant: null } }),
      update(userPath, { email: "grace@example.com" }),
    ]);
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((await api("GET", userPath)).body).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      nationalities: ["US"],
      locale: { language: "en", country: "US", variant: null },
      email: "grace@example.com",
    });
  });

  it("the patch is RFC 7396 in the database too: null deletes a key, objects merge, arrays replace; a null profile field is cleared", async () => {
    const { userPath } = await storeWithUser(undefined, { firstName: "Ada", lastName: "Lovelace", attributes: { a: { b: 1, c: [1, 2] }, d: "x", constructor: 1 } });
    const res = await update(userPath, { firstName: null, attributes: { a: { b: null, c: [3], e: { f: null } }, d: null, g: "new" } });
    expect(res.status).toBe(200);
    const expected = { a: { c: [3], e: {} }, constructor: 1, g: "new" };
    expect(res.body.attributes).toEqual(expected);
    expect(res.body).toMatchObject({ firstName: null, lastName: "Lovelace" });
    expect((await api("GET", userPath)).body.attributes).toEqual(expected);
  });

  it("between a request's read and its write: a lock set by failures stays, and so do attributes written by another statement", async () => {
    const configuration = { userLockConfig: { maxFailedAttempts: 3, faceMaxFailedAttempts: 100 } };
    const { userId, userPath } = await storeWithUser(configuration, { attributes: { kept: 1 } });
    const now = Date.now();
    // The update as the request built it after reading the user ACTIVE, run after the others.
    const update = updateUserStatement(db, userId, { profile: { firstName: "Grace" }, attributesPatch: { tier: "gold" } }, now);
    for (let i = 0; i < 3; i++) await db.batch([...failureStatements(db, userId, "face", lockConfig(configuration), now)]);
    await env.DB.prepare(`UPDATE users SET attributes = json_set(attributes, '$.passkeyUsers', json('{"rp.example":{"USER_HANDLE":"h"}}')) WHERE id = ?`).bind(userId).run();
    await update;
    const user = (await api("GET", userPath)).body;
    expect(user.status).toBe("TEMP_LOCKED");
    expect(user.locks.failedAttempts).toBe(3);
    expect(user.firstName).toBe("Grace");
    expect(user.attributes).toEqual({ kept: 1, passkeyUsers: { "rp.example": { USER_HANDLE: "h" } }, tier: "gold" });
  });
});
