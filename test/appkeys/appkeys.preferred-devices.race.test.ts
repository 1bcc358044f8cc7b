import { describe, expect, it } from "vitest";
import { api, type ApiResponse } from "../support/api";
import { appkeyUser, FACET, registerAppkey, RP, type AppkeyFixture } from "../support/appkeys";

/**
 * Concurrent changes of a user's preferred devices: each one edits the stored list as it is when
 * it is written, so none is lost (the list no longer travels read → Worker → write).
 */
const N = 10;
const devices = Array.from({ length: N }, (_, i) => `d${i}`);

async function userWithDevices(f: AppkeyFixture, ids: string[]) {
  for (const deviceId of ids) expect((await registerAppkey(f, { body: { deviceId } })).complete.status).toBe(200);
}

const prefer = (f: AppkeyFixture, deviceId: string) => api("POST", `${f.rp}/preferredDevices`, { body: { deviceId } });
const unprefer = (f: AppkeyFixture, deviceId: string) => api("DELETE", `${f.rp}/preferredDevice/${deviceId}`);
const listOf = (response: ApiResponse, rpId = RP): string[] | undefined => response.body.user.attributes.appkeyPreferredDevices?.[rpId];
const stored = async (f: AppkeyFixture, rpId = RP): Promise<string[] | undefined> => (await api("GET", f.userPath)).body.attributes.appkeyPreferredDevices?.[rpId];

async function preferAll(f: AppkeyFixture, ids: string[]) {
  for (const id of ids) expect((await prefer(f, id)).status).toBe(200);
}

describe("appkeys: concurrent changes of the preferred devices lose none", () => {
  it(`${N} devices put first at once: all ${N} are in the list, once each, and each answer shows its device first`, async () => {
    const f = await appkeyUser();
    await userWithDevices(f, devices);
    const answers = await Promise.all(devices.map((d) => prefer(f, d)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(listOf(answer)![0]).toBe(devices[i]);
    }
    const list = (await stored(f))!;
    expect(list).toHaveLength(N);
    expect([...list].sort()).toEqual([...devices].sort());
  });

  it(`${N} devices removed at once: none is left`, async () => {
    const f = await appkeyUser();
    await userWithDevices(f, devices);
    await preferAll(f, devices);
    const answers = await Promise.all(devices.map((d) => unprefer(f, d)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(listOf(answer) ?? []).not.toContain(devices[i]);
    }
    expect(await stored(f)).toBeUndefined();
  });

  it("adding half and removing the other half at once leaves exactly the added half", async () => {
    const f = await appkeyUser();
    await userWithDevices(f, devices);
    const [kept, added] = [devices.slice(0, N / 2), devices.slice(N / 2)];
    await preferAll(f, kept);
    const answers = await Promise.all([...added.map((d) => prefer(f, d)), ...kept.map((d) => unprefer(f, d))]);
    for (const answer of answers) expect(answer.status).toBe(200);
    expect([...(await stored(f))!].sort()).toEqual(added);
  });

  it("changes for two relying parties at once keep both lists", async () => {
    const f = await appkeyUser();
    const other = "shop.example";
    expect((await api("POST", `/stores/${f.store}/appkeyConfig`, { body: { rpId: other, trustedFacets: [FACET, `https://${other}`] } })).status).toBe(201);
    const g = { ...f, rp: `${f.userPath}/appkeys/relyingParties/${other}` };
    await userWithDevices(f, devices.slice(0, N / 2));
    await userWithDevices(g, devices.slice(N / 2));
    const answers = await Promise.all([...devices.slice(0, N / 2).map((d) => prefer(f, d)), ...devices.slice(N / 2).map((d) => prefer(g, d))]);
    for (const answer of answers) expect(answer.status).toBe(200);
    expect([...(await stored(f))!].sort()).toEqual(devices.slice(0, N / 2));
    expect([...(await stored(f, other))!].sort()).toEqual(devices.slice(N / 2));
  });

  it("user updates patching other attributes at the same time keep every device put first, and their own keys", async () => {
    const f = await appkeyUser();
    await userWithDevices(f, devices);
    const answers = await Promise.all([
      ...devices.map((d) => prefer(f, d)),
      ...devices.map((d, i) => api("POST", f.userPath, { body: { attributes: { [`note${i}`]: d } } })),
    ]);
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect([...(await stored(f))!].sort()).toEqual([...devices].sort());
    const { attributes } = (await api("GET", f.userPath)).body;
    for (const [i, d] of devices.entries()) expect(attributes[`note${i}`]).toBe(d);
  });

  it("a device put first while its appkey is removed never stays in the list without a key", async () => {
    const f = await appkeyUser();
    await userWithDevices(f, ["keep"]);
    for (let round = 0; round < 5; round++) {
      const deviceId = `gone-${round}`;
      const { complete } = await registerAppkey(f, { body: { deviceId } });
      expect(complete.status).toBe(200);
      const [set, removed] = await Promise.all([prefer(f, deviceId), api("DELETE", `${f.userPath}/appkeys/${complete.body.appkey.id}`)]);
      expect(removed.status).toBe(204);
      // first, and pruned by the removal; or after it, and refused
      expect(set.status === 200 || set.body.code === 1109, JSON.stringify(set.body)).toBe(true);
      expect((await stored(f)) ?? []).not.toContain(deviceId);
    }
  });
});
