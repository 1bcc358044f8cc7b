import { describe, expect, it } from "vitest";
import {
  buildDeregistrationRequest,
  decodeBase64Any,
  encodeTlv,
  readSingleTlv,
  readTlvs,
  SUPPORTED_SIGN_ALGS,
  UafFormatError,
} from "../../../src/appkeys/uaf";

describe("TLV reader and writer", () => {
  it("tag and length are u16 little-endian; raw keeps the header", () => {
    const el = encodeTlv(0x2e0b, new TextEncoder().encode("ABCD#ABCD"));
    expect([...el.subarray(0, 4)]).toEqual([0x0b, 0x2e, 9, 0]);
    const [read] = readTlvs(el);
    expect(read).toMatchObject({ tag: 0x2e0b });
    expect(read!.raw).toEqual(el);
    expect(new TextDecoder().decode(read!.value)).toBe("ABCD#ABCD");
  });

  it("reads elements end to end and an empty value", () => {
    const bytes = new Uint8Array([...encodeTlv(0x2e10), ...encodeTlv(0x2e0d, new Uint8Array([1, 0, 0, 0]))]);
    expect(readTlvs(bytes).map((e) => [e.tag, e.value.length])).toEqual([
      [0x2e10, 0],
      [0x2e0d, 4],
    ]);
  });

  it.each([
    ["a header cut short", [0x0b, 0x2e, 9]],
    ["a value shorter than its length", [0x0b, 0x2e, 9, 0, 0x41]],
    ["a length of 65535 with no value", [0x0b, 0x2e, 0xff, 0xff]],
  ])("%s → UafFormatError tlv-truncated", (_why, bytes) => {
    expect(() => readTlvs(new Uint8Array(bytes))).toThrow(expect.objectContaining({ name: "UafFormatError", reason: "tlv-truncated" }));
  });

  it("readSingleTlv: wrong tag, trailing bytes, empty → UafFormatError", () => {
    const el = encodeTlv(0x3e01, new Uint8Array(2));
    expect(() => readSingleTlv(el, 0x3e02)).toThrow(UafFormatError);
    expect(() => readSingleTlv(new Uint8Array([...el, ...encodeTlv(1)]), 0x3e01)).toThrow(expect.objectContaining({ reason: "tlv-trailing-bytes" }));
    expect(() => readSingleTlv(new Uint8Array(), 0x3e01)).toThrow(UafFormatError);
  });

  it("the writer refuses a value over 65535 bytes", () => {
    expect(() => encodeTlv(0x2e05, new Uint8Array(0x10000))).toThrow(UafFormatError);
  });

  it("base64url and padded standard base64 both decode; garbage is a UafFormatError", () => {
    expect(decodeBase64Any("_-8")).toEqual(new Uint8Array([0xff, 0xef]));
    expect(decodeBase64Any("/+8=")).toEqual(new Uint8Array([0xff, 0xef]));
    expect(() => decodeBase64Any("a")).toThrow(UafFormatError);
    expect(() => decodeBase64Any("ab cd")).toThrow(UafFormatError);
  });
});

describe("UAF requests", () => {
  it("Dereg names the keys to forget", () => {
    expect(JSON.parse(buildDeregistrationRequest("https://rp.example/facets", [{ aaid: "ABCD#ABCD", keyID: "a2V5" }]))).toEqual([
      { header: { upv: { major: 1, minor: 1 }, op: "Dereg", appID: "https://rp.example/facets" }, authenticators: [{ aaid: "ABCD#ABCD", keyID: "a2V5" }] },
    ]);
  });

  it("the algorithms offered in policies are the ones verified", () => {
    expect([...SUPPORTED_SIGN_ALGS].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
  });
});
