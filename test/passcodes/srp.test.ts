import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../../src/crypto/encoding";
import { bytesOf, modPow, padded, toBigInt } from "../../src/passcodes/srp/bigint";
import { SRP_GROUPS } from "../../src/passcodes/srp/groups";
import { clientProof, multiplier, scrambler, serverProof, sessionKey, type SrpSuite } from "../../src/passcodes/srp/profile";
import { serverEphemeral, verifyClientProof } from "../../src/passcodes/srp/server";
import { privateKey } from "../support/passcodes";

const big = (hex: string) => BigInt(`0x${hex.replace(/\s+/g, "")}`);

/** RFC 5054 Appendix B (1024-bit group, SHA-1). */
const V = {
  N: big(`EEAF0AB9ADB38DD69C33F80AFA8FC5E86072618775FF3C0B9EA2314C9C256576D674DF7496EA81D3383B4813D692C6E0E0D5D8E250B98BE48E495C1D6089DAD15DC7D7B46154D6B6CE8EF4AD69B15D4982559B297BCF1885C529F566660E57EC68EDBC3C05726CC02FD4CBF4976EAA9AFD5138FE8376435B9FC61D2FC0EB06E3`),
  g: 2n,
  I: "alice",
  P: "password123",
  s: fromHex("BEB25379D1A8581EB5A727673A2441EE"),
  k: big("7556AA045AEF2CDD07ABAF0F665C3E818913186F"),
  x: big("94B7555AABE9127CC58CCF4993DB6CF84D16C124"),
  v: big(`7E273DE8696FFC4F4E337D05B4B375BEB0DDE1569E8FA00A9886D8129BADA1F1822223CA1A605B530E379BA4729FDC59F105B4787E5186F5C671085A1447B52A48CF1970B4FB6F8400BBF4CEBFBB168152E08AB5EA53D15C1AFF87B2B9DA6E04E058AD51CC72BFC9033B564E26480D78E955A5E29E7AB245DB2BE315E2099AFB`),
  a: big("60975527035CF2AD1989806F0407210BC81EDC04E2762A56AFD529DDDA2D4393"),
  b: big("E487CB59D31AC550471E81F00F6928E01DDA08E974A004F49E61F5D105284D20"),
  A: big(`61D5E490F6F1B79547B0704C436F523DD0E560F0C64115BB72557EC44352E8903211C04692272D8B2D1A5358A2CF1B6E0BFCF99F921530EC8E39356179EAE45E42BA92AEACED825171E1E8B9AF6D9C03E1327F44BE087EF06530E69F66615261EEF54073CA11CF5858F0EDFDFE15EFEAB349EF5D76988A3672FAC47B0769447B`),
  B: big(`BD0C61512C692C0CB6D041FA01BB152D4916A1E77AF46AE105393011BAF38964DC46A0670DD125B95A981652236F99D9B681CBF87837EC996C6DA04453728610D0C6DDB58B318885D7D82C7F8DEB75CE7BD4FBAA37089E6F9C6059F388838E7A00030B331EB76840910440B1B27AAEAEEB4012B7D7665238A8E3FB004B117B58`),
  u: big("CE38B9593487DA98554ED47D70A7AE5F462EF019"),
  S: big(`B0DC82BABCF30674AE450C0287745E7990A3381F63B387AAF271A10D233861E359B48220F7C4693C9AE12B0A6F67809F0876E2D013800D6C41BB59B6D5979B5C00A172B4A2A5903A0BDCAF8A709585EB2AFAFA8F3499B200210DCC1F10EB33943CD67FC88A2F39A4BE5BEC4EC0A3212DC346D7E474B29EDE8A469FFECA686E5A`),
};

const rfc5054: SrpSuite = { group: { N: V.N, g: V.g }, hash: "SHA-1", profile: "rfc5054" };
const nimbus: SrpSuite = { ...rfc5054, profile: "nimbus" };
const transcript = { identity: V.I, salt: V.s, A: V.A, B: V.B, S: V.S };

describe("SRP-6a against the RFC 5054 Appendix B vectors", () => {
  it("k, x, v", async () => {
    expect(await multiplier(rfc5054)).toBe(V.k);
    expect(await privateKey(rfc5054, V.s, V.I, V.P)).toBe(V.x);
    expect(modPow(V.g, V.x, V.N)).toBe(V.v);
  });

  it("A, B, u and the premaster secret S on both sides", async () => {
    expect(modPow(V.g, V.a, V.N)).toBe(V.A);
    expect(await serverEphemeral(rfc5054, V.v, V.b)).toBe(V.B);
    expect(await scrambler(rfc5054, V.A, V.B)).toBe(V.u);
    const serverS = modPow((V.A * modPow(V.v, V.u, V.N)) % V.N, V.b, V.N);
    const clientS = modPow((V.B - ((V.k * modPow(V.g, V.x, V.N)) % V.N) + V.N) % V.N, V.a + V.u * V.x, V.N);
    expect(serverS).toBe(V.S);
    expect(clientS).toBe(V.S);
  });

  it("the spec's pins for K, M1 and M2 in both profiles", async () => {
    expect(toHex(await sessionKey(rfc5054, V.S))).toBe("017eefa1cefc5c2e626e21598987f31e0f1b11bb");
    const m1 = await clientProof(rfc5054, transcript);
    expect(toHex(m1)).toBe("62c71b289cb22a034b405667e1541202ce5d8e03");
    expect(toHex(await serverProof(rfc5054, transcript, m1))).toBe("b475d7f2d75ce9537748005483e5d326048b59e9");
    const n1 = await clientProof(nimbus, transcript);
    expect(toHex(n1)).toBe("b46a783846b7e569ff8f9b44ab8d88edeb085a65");
    expect(toHex(await serverProof(nimbus, transcript, n1))).toBe("0b0a6ad3024e79b5cad04042abb3a3f592d20c17");
  });

  it("verifyClientProof accepts the vector's M1 and returns M2; a flipped bit is a mismatch", async () => {
    const session = { identity: V.I, salt: V.s, v: V.v, b: V.b, B: V.B };
    const m1 = fromHex("62c71b289cb22a034b405667e1541202ce5d8e03");
    const ok = await verifyClientProof(rfc5054, session, V.A, m1);
    expect(ok.outcome).toBe("verified");
    expect(ok.outcome === "verified" && toHex(ok.M2)).toBe("b475d7f2d75ce9537748005483e5d326048b59e9");
    m1[0]! ^= 1;
    expect((await verifyClientProof(rfc5054, session, V.A, m1)).outcome).toBe("mismatch");
  });

  it("refuses A ≡ 0 mod N (A = 0, N, 2N)", async () => {
    const session = { identity: V.I, salt: V.s, v: V.v, b: V.b, B: V.B };
    for (const A of [0n, V.N, 2n * V.N]) {
      expect((await verifyClientProof(rfc5054, session, A, new Uint8Array(20))).outcome).toBe("invalid");
    }
  });
});

describe("big-integer helpers", () => {
  it("modPow agrees with square-and-multiply on random 2048-bit inputs", () => {
    const { N } = SRP_GROUPS[2048];
    const reference = (b: bigint, e: bigint, m: bigint) => {
      let r = 1n;
      b %= m;
      for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
      return r;
    };
    for (let i = 0; i < 5; i++) {
      const b = toBigInt(crypto.getRandomValues(new Uint8Array(256)));
      const e = toBigInt(crypto.getRandomValues(new Uint8Array(32 + i * 8)));
      expect(modPow(b, e, N)).toBe(reference(b, e, N));
    }
    expect(modPow(5n, 0n, N)).toBe(1n);
    expect(modPow(0n, 5n, N)).toBe(0n);
  });

  it("bytes() drops leading zeros where PAD() keeps them (the 1-in-256 case)", () => {
    const x = 0x00ab_cdn;
    expect(toHex(bytesOf(x))).toBe("abcd");
    expect(toHex(padded(x, 4))).toBe("0000abcd");
    expect(() => padded(0x1_0000n, 2)).toThrow();
  });

  it("the groups are the RFC 5054 ones (sizes, generators, known ends)", () => {
    expect(bytesOf(SRP_GROUPS[2048].N)).toHaveLength(256);
    expect(bytesOf(SRP_GROUPS[3072].N)).toHaveLength(384);
    expect(bytesOf(SRP_GROUPS[4096].N)).toHaveLength(512);
    expect([SRP_GROUPS[2048].g, SRP_GROUPS[3072].g, SRP_GROUPS[4096].g]).toEqual([2n, 5n, 5n]);
    expect(SRP_GROUPS[3072].N.toString(16).endsWith("a93ad2caffffffffffffffff")).toBe(true);
    expect(SRP_GROUPS[4096].N.toString(16).endsWith("4063199ffffffffffffffff")).toBe(true);
  });
});
