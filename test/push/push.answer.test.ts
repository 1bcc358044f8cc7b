import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { RP } from "../support/appkeys";
import { answerPush, approve, deliveredRequest, pushUser, sendPush, waitForPush } from "../support/push";

const auditOf = async (f: { userPath: string }, id: string) => (await api("GET", `${f.userPath}/authentications/${id}`)).body;

describe("answering a push", () => {
  it("approves with a UAF signature over the shown text and the typed number", async () => {
    const f = await pushUser();
    const sent = await sendPush(f, { transaction: { contentType: "text/plain", content: "Pay 120.00 EUR to ACME?" } });
    const request = await deliveredRequest(f.device, sent.body.id);
    const [req] = JSON.parse(request);
    expect(req.transaction[0].contentType).toBe("text/plain");

    const answered = await approve(f, sent, { request });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ id: sent.body.id, status: "APPROVED", authenticationId: expect.any(String), answeredDtm: expect.any(String) });
    expect(d1RoundTrips(answered)).toBe(2);

    const audit = await auditOf(f, answered.body.authenticationId);
    expect(audit).toMatchObject({ type: "Appkey", result: "SUCCESS", rpId: RP });
    expect(JSON.stringify(audit)).toContain(sent.body.id);
    expect((await api("GET", `${f.pushes}/${sent.body.id}`)).body.status).toBe("APPROVED");
  });

  it("signs `Sign in to <rpId>?` when the send names no transaction", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    expect((await approve(f, sent, { signedText: `Sign in to ${RP}?` })).status).toBe(200);
  });

  it("refuses a signature over other text (1103), counted, and ends the push", async () => {
    const f = await pushUser();
    const sent = await sendPush(f, { transaction: { contentType: "text/plain", content: "Pay 120.00 EUR to ACME?" } });
    const answered = await approve(f, sent, { signedText: "Pay 1.00 EUR to ACME?" });
    expect(answered.status).toBe(400);
    expect(answered.body.code).toBe(1103);
    expect(answered.body.user.status).toBe("ACTIVE");
    const push = (await api("GET", `${f.pushes}/${sent.body.id}`)).body;
    expect(push.status).toBe("FAILED");
  });

  it("refuses a replayed answer (1201): a push is answered once", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const request = await deliveredRequest(f.device, sent.body.id);
    const [req] = JSON.parse(request);
    const { response } = await f.device.authenticator.authenticationResponse({ appID: req.header.appID, facetID: "android:apk-key-hash:bE0f1WtRJrZv/C0y9CM73bAUqiI", challenge: req.challenge }, `Sign in to ${RP}?`);
    const body = { fidoAuthenticationResponse: response, matchingNumber: sent.body.matchingNumber };
    expect((await answerPush(f, sent.body.id, body)).status).toBe(200);
    const replay = await answerPush(f, sent.body.id, body);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe(1201);
  });

  it("of answers racing for one push, exactly one approves", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const request = await deliveredRequest(f.device, sent.body.id);
    const answers = await Promise.all(Array.from({ length: 5 }, () => approve(f, sent, { request })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // the others lost the race (1201) or were not admitted while the first ones were in flight (2101)
    const refusals = answers.filter((a) => a.status !== 200).map((a) => a.body.code);
    expect(refusals.filter((code) => code === 1201).length).toBeGreaterThan(0);
    expect(refusals.every((code) => code === 1201 || code === 2101)).toBe(true);
    const audits = (await api("GET", `${f.userPath}/authentications?type=Appkey&result=SUCCESS`)).body;
    expect(audits.content.filter((a: { event: string }) => a.event === "AUTHENTICATION")).toHaveLength(1);
  });

  it("refuses a wrong or missing number (1203) as a counted appkey failure that ends the push", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const wrong = String((Number(sent.body.matchingNumber) + 1) % 1_000_000).padStart(6, "0");
    const answered = await approve(f, sent, { number: wrong });
    expect(answered.status).toBe(400);
    expect(answered.body.code).toBe(1203);
    expect(answered.body.user.locks).toMatchObject({ failedAttempts: 1, modalities: { appkey: { failedAttempts: 1 } } });
    expect((await api("GET", `${f.pushes}/${sent.body.id}`)).body.status).toBe("FAILED");

    const next = await sendPush(f);
    const missing = await approve(f, next, { number: null });
    expect(missing.body.code).toBe(1203);
  });

  it("has no number without number matching, and refuses one sent anyway (1204)", async () => {
    const f = await pushUser({ numberMatching: false });
    const sent = await sendPush(f);
    expect(sent.body).not.toHaveProperty("matchingNumber");
    const request = await deliveredRequest(f.device, sent.body.id);
    expect((await approve(f, sent, { request, number: "123456" })).body.code).toBe(1204);
    expect((await approve(f, sent, { request, number: null })).status).toBe(200);
  });

  it("records a decline, audited, and refuses answers after it", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const request = await deliveredRequest(f.device, sent.body.id);
    const declined = await answerPush(f, sent.body.id, { decline: { reason: "NOT_ME", text: "I am not signing in" } });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe("DECLINED");
    const audits = (await api("GET", `${f.userPath}/authentications?type=Appkey&result=FAILURE`)).body;
    const records = audits.content;
    expect(JSON.stringify(records)).toContain("NOT_ME");
    expect(JSON.stringify(records)).toContain(sent.body.id);
    expect((await approve(f, sent, { request })).body.code).toBe(1201);
    expect((await answerPush(f, sent.body.id, { decline: { reason: "OTHER" } })).body.code).toBe(1201);
  });

  it("expires: the queue ends it as EXPIRED (audited), and a late answer is refused (1202)", async () => {
    const f = await pushUser({ ttlSec: 5 });
    const sent = await sendPush(f);
    const request = await deliveredRequest(f.device, sent.body.id);
    const expired = await waitForPush(f, sent.body.id, (p) => p.status === "EXPIRED", 15_000);
    expect(expired.answeredDtm).toBeUndefined();
    const late = await approve(f, sent, { request });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe(1202);
    const deadline = Date.now() + 10_000;
    let records = "";
    while (Date.now() < deadline && !records.includes("1202")) {
      const audits = (await api("GET", `${f.userPath}/authentications?type=Appkey&result=FAILURE`)).body;
      records = JSON.stringify(audits);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(records).toContain(sent.body.id);
  }, 40_000);

  it("does not exist for another tenant or another store (404), and stays answerable", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    const foreign = await api("POST", `/stores/${f.store}/pushNotifications/${sent.body.id}/answers`, { tenant: "tenant-b", body: { decline: { reason: "OTHER" } } });
    expect(foreign.status).toBe(404);
    const other = await pushUser();
    const elsewhere = await answerPush(other, sent.body.id, { decline: { reason: "OTHER" } });
    expect(elsewhere.status).toBe(404);
    expect((await api("GET", `${other.pushes}/${sent.body.id}`)).status).toBe(404);
    expect((await approve(f, sent)).status).toBe(200);
  });

  it("takes exactly one of approve and decline (1205)", async () => {
    const f = await pushUser();
    const sent = await sendPush(f);
    expect((await answerPush(f, sent.body.id, {})).body.code).toBe(1205);
    expect((await answerPush(f, sent.body.id, { fidoAuthenticationResponse: "[]", decline: { reason: "OTHER" } })).body.code).toBe(1205);
  });
});
