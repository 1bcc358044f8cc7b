import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { storeWithUser } from "../support/fixtures";

const raw = (method: string, path: string, text: string) => api(method, path, { rawBody: text, headers: { "content-type": "application/json" } });

/** Defect 3 of issue 10: ill-formed strings were stored and read back as U+FFFD, three users sharing one visible extId. */
describe("hostile input: every caller string is well-formed Unicode", () => {
  it("lone surrogates in a body (values or keys) → 400/9001 and no user is created", async () => {
    const { store } = await storeWithUser();
    for (const text of ['{"extId":"k\\ud800"}', '{"extId":"k\\udc00"}', '{"extId":"k\\ud801"}', '{"extId":"ok","attributes":{"k\\ud800":1}}']) {
      const res = await raw("POST", `/stores/${store}/users`, text);
      expect(res.status, text).toBe(400);
      expect(res.body.code).toBe(9001);
    }
    const list = await api("GET", `/stores/${store}/users`);
    expect(list.body.content.map((u: { extId: string }) => u.extId)).toEqual([`u-${store}`]);
    expect((await api("GET", `/stores/${store}/users/ok/ext`)).status).toBe(404);
    expect((await raw("POST", `/stores/${store}/users`, '{"extId":"k\\ud83d\\ude00"}')).status).toBe(201);
  });

  it("a body that is not valid UTF-8 → 400/9001", async () => {
    const { store } = await storeWithUser();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"extId":"'), 0xed, 0xa0, 0x80, ...new TextEncoder().encode('"}')]);
    const res = await api("POST", `/stores/${store}/users`, { rawBody: bytes, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(9001);
  });

  it("path and query values with lone surrogates or control characters → 400/9001", async () => {
    const { store } = await storeWithUser();
    for (const path of [`/stores/${store}/users/a%ED%A0%80/ext`, `/stores/${store}/users/a%00b/ext`, `/stores/${store}/users/a%0Ab`, `/stores/${store}/users?extId=%00`]) {
      const res = await api("GET", path);
      expect(res.status, path).toBe(400);
      expect(res.body.code).toBe(9001);
    }
  });

  it("extId is compared exactly as sent (not normalised): NFC and NFD spellings are two users", async () => {
    const { store } = await storeWithUser();
    const nfc = "caf\u00e9";
    const nfd = "cafe\u0301";
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: nfc } })).status).toBe(201);
    expect((await api("POST", `/stores/${store}/users`, { body: { extId: nfd } })).status).toBe(201);
    expect((await api("GET", `/stores/${store}/users/${encodeURIComponent(nfc)}/ext`)).body.extId).toBe(nfc);
    expect((await api("GET", `/stores/${store}/users/${encodeURIComponent(nfd)}/ext`)).body.extId).toBe(nfd);
  });
});
