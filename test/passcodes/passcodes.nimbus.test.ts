import { createVerifierAndSalt, SRPClientSession, SRPParameters, SRPRoutines } from "tssrp6a";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { passcodeUser } from "../support/passcodes";

const hex = (n: bigint) => n.toString(16);
const big = (h: string) => BigInt(`0x${h}`);

describe("the nimbus profile interoperates with tssrp6a (Nimbus SRP rules)", () => {
  it.each([
    { srpGroup: 2048, srpHash: "SHA-512", H: SRPParameters.H.SHA512 },
    { srpGroup: 2048, srpHash: "SHA-256", H: SRPParameters.H.SHA256 },
  ])("registers and authenticates with a tssrp6a client ($srpHash)", async ({ srpGroup, srpHash, H }) => {
    const f = await passcodeUser({ srpGroup, srpHash, srpProfile: "nimbus" });
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    expect(start.body.srp.profile).toBe("nimbus");
    const routines = new SRPRoutines(new SRPParameters({ N: big(start.body.srp.N), g: big(start.body.srp.g) }, H));
    const { s, v } = await createVerifierAndSalt(routines, start.body.identity, "nimbus-pass", 16);
    const saltHex = hex(s).padStart(32, "0");
    const registered = await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: { salt: saltHex, verifier: hex(v) } });
    expect(registered.status).toBe(200);

    for (const [passcode, expected] of [["nimbus-pass", 200], ["wrong-pass", 400]] as const) {
      const challenge = await api("POST", `${f.passcodePath}/authentications/default`, { body: {} });
      const client = await new SRPClientSession(routines).step1(challenge.body.identity, passcode);
      const step2 = await client.step2(big(challenge.body.salt), big(challenge.body.B));
      const res = await api("POST", `${f.sessions}/authentications/sessions/${challenge.body.sessionId}`, { body: { A: hex(step2.A), M1: hex(step2.M1) } });
      expect(res.status).toBe(expected);
      if (expected === 200) await expect(step2.step3(big(res.body.M2))).resolves.toBeUndefined();
      else expect(res.body.code).toBe(2404);
    }
  });
});
