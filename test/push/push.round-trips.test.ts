import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { RP } from "../support/appkeys";
import { answerPush, pushUser, sendPush, waitForPush } from "../support/push";

describe("push: D1 round trips per operation", () => {
  it("a decline: 2 (the push and its owner, then its end and audit); it answers the push as a read shows it, no user", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    await waitForPush(f, sent.body.id, (p) => p.status === "SENT");

    const declined = await answerPush(f, sent.body.id, { decline: { reason: "NOT_ME", text: "I am not signing in" } });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(d1RoundTrips(declined)).toBe(2);
    expect(declined.body).toEqual({
      id: sent.body.id,
      rpId: RP,
      status: "DECLINED",
      devices: [{ deviceId: f.device.deviceId, platform: "APNS", status: "SENT" }],
      createdDtm: sent.body.createdDtm,
      expirationDtm: sent.body.expirationDtm,
      answeredDtm: expect.any(String),
    });
    expect((await api("GET", `${f.pushes}/${sent.body.id}`)).body).toEqual(declined.body);

    const again = await answerPush(f, sent.body.id, { decline: { reason: "OTHER" } });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe(1201);
    expect(again.body).not.toHaveProperty("user");
    expect(d1RoundTrips(again)).toBe(2);
  });
});
