import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database, runBatch } from "../../src/db/client";
import { compiledStatement, type Bind } from "../../src/db/compiled";
import { users } from "../../src/db/schema";
import { storeWithUser } from "../support/fixtures";

const db = database(env.DB);

describe("compiled statements (src/db/compiled.ts)", () => {
  it("are built once and bound per use: each use reads its own values, in a batch and awaited alone", async () => {
    const [a, b] = await Promise.all([storeWithUser(), storeWithUser()]);
    let builds = 0;
    const userById = compiledStatement((db, bind: Bind<"id">) => {
      builds += 1;
      return db.select({ id: users.id, extId: users.extId }).from(users).where(eq(users.id, bind("id")));
    });
    const [first, second, none] = await runBatch(db, [userById(db, { id: a.userId }), userById(db, { id: b.userId }), userById(db, { id: "missing" })]);
    expect(first).toEqual([{ id: a.userId, extId: a.extId }]);
    expect(second).toEqual([{ id: b.userId, extId: b.extId }]);
    expect(none).toEqual([]);
    expect(await userById(db, { id: b.userId })).toEqual([{ id: b.userId, extId: b.extId }]);
    expect(builds).toBe(1);
  });

  it("a value is a bound parameter, never SQL text", async () => {
    const { userId } = await storeWithUser();
    const userById = compiledStatement((db, bind: Bind<"id">) => db.select({ id: users.id }).from(users).where(eq(users.id, bind("id"))));
    expect(await userById(db, { id: `x' OR '1'='1` })).toEqual([]);
    expect(await userById(db, { id: userId })).toEqual([{ id: userId }]);
  });
});
