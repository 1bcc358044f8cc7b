import { describe, expect, it } from "vitest";
import { signInAppkey } from "../support/appkeys";
import { answerPush, approve, pushUser, sendPush, type PushFixture } from "../support/push";

const declineNext = async (f: PushFixture) => {
  const sent = await sendPush(f);
  expect(sent.status).toBe(201);
  expect((await answerPush(f, sent.body.id, { decline: { reason: "NOT_ME" } })).status).toBe(200);
  return sent;
};

describe("push fatigue", () => {
  it("blocks sends after maxUnansweredBeforeBlock unanswered pushes, until the user authenticates", async () => {
    const f = await pushUser({ maxUnansweredBeforeBlock: 3, blockSec: 600 });
    await declineNext(f);
    await declineNext(f);
    // a superseded push counts too: the third push is superseded by the fourth
    await sendPush(f);
    const fourth = await sendPush(f);
    expect(fourth.status, JSON.stringify(fourth.body)).toBe(201);
    const capped = await sendPush(f);
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe(9008);
    const retryAfter = Number(capped.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);

    const signedIn = await signInAppkey(f, f.device.authenticator);
    expect(signedIn.complete.status).toBe(200);
    expect((await sendPush(f)).status).toBe(201);
  });

  it("lifts the block after blockSec", async () => {
    const f = await pushUser({ maxUnansweredBeforeBlock: 1, blockSec: 2 });
    await declineNext(f);
    const capped = await sendPush(f);
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get("retry-after"))).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await sendPush(f)).status).toBe(201);
  });

  it("counts a wrong number toward the cap", async () => {
    const f = await pushUser({ maxUnansweredBeforeBlock: 1, blockSec: 600 });
    const sent = await sendPush(f);
    const wrong = String((Number(sent.body.matchingNumber) + 1) % 1_000_000).padStart(6, "0");
    expect((await approve(f, sent, { number: wrong })).body.code).toBe(1203);
    expect((await sendPush(f)).status).toBe(429);
  });
});
