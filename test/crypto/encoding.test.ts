import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/crypto/constant-time";
import { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toHex } from "../../src/crypto/encoding";

const ascii = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

// RFC 4648 §10 test vectors.
const VECTORS: [string, string, string][] = [
  ["", "", ""],
  ["f", "Zg==", "66"],
  ["fo", "Zm8=", "666f"],
  ["foo", "Zm9v", "666f6f"],
  ["foob", "Zm9vYg==", "666f6f62"],
  ["fooba", "Zm9vYmE=", "666f6f6261"],
  ["foobar", "Zm9vYmFy", "666f6f626172"],
];

describe("encodings", () => {
  it.each(VECTORS)("known answers for %j", (text, base64, hex) => {
    expect(toBase64(ascii(text))).toBe(base64);
    expect(toBase64Url(ascii(text))).toBe(base64.replace(/=+$/, ""));
    expect(toHex(ascii(text))).toBe(hex);
    expect(fromBase64(base64)).toEqual(ascii(text));
    expect(fromBase64(base64.replace(/=+$/, ""))).toEqual(ascii(text));
    expect(fromBase64Url(base64.replace(/=+$/, ""))).toEqual(ascii(text));
    expect(fromHex(hex)).toEqual(ascii(text));
    expect(fromHex(hex.toUpperCase())).toEqual(ascii(text));
  });

  it("uses the URL-safe alphabet for base64url and the standard one for base64", () => {
    expect(toBase64(bytes(0xfb, 0xff, 0xbf))).toBe("+/+/");
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe("-_-_");
    expect(fromBase64Url("-_-_")).toEqual(bytes(0xfb, 0xff, 0xbf));
    expect(toHex(bytes(0, 15, 16, 255))).toBe("000f10ff");
  });

  it("round-trips random bytes of every length up to 300", () => {
    for (let n = 0; n <= 300; n++) {
      const b = crypto.getRandomValues(new Uint8Array(n));
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      expect(fromBase64(toBase64(b))).toEqual(b);
      expect(fromHex(toHex(b))).toEqual(b);
    }
  });

  it("round-trips large inputs (8 MiB face images) without overflowing the stack", () => {
    const b = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < b.length; i++) b[i] = (i * 7) ^ (i >> 11);
    const same = (x: Uint8Array) => x.length === b.length && x.every((v, i) => v === b[i]);
    expect(same(fromBase64(toBase64(b)))).toBe(true);
    expect(same(fromBase64Url(toBase64Url(b)))).toBe(true);
    expect(() => fromBase64(`${toBase64(b)} `)).toThrow(TypeError);
  });

  it("base64url decoding is strict: no padding, no standard alphabet, canonical only", () => {
    for (const bad of ["Zg==", "ab+/", "ab/c", "abcde", "Zm9v Yg", "Zh", "Zm9=", "é"]) {
      expect(() => fromBase64Url(bad), bad).toThrow(TypeError);
    }
  });

  it("base64 decoding refuses whitespace, stray or wrong padding and foreign characters", () => {
    for (const bad of ["Zm9v\nYg==", " Zm9v", "Zg=", "Zg===", "Z===", "Zm9vY", "Zm=9", "Zm9v-_", "Zm9v*"]) {
      expect(() => fromBase64(bad), JSON.stringify(bad)).toThrow(TypeError);
    }
  });

  it("decodes hex as long as a 1 MiB body without overflowing the stack", () => {
    expect(fromHex("0a".repeat(512 * 1024))).toEqual(new Uint8Array(512 * 1024).fill(10));
    expect(() => fromHex(`${"0a".repeat(512 * 1024)}0`)).toThrow(TypeError);
  });

  it("hex decoding refuses odd lengths and non-hex digits", () => {
    for (const bad of ["abc", "zz", "0x00", "00 ", "-1"]) expect(() => fromHex(bad), bad).toThrow(TypeError);
  });
});

describe("constantTimeEqual", () => {
  it("compares byte contents and lengths", () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 0))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
    expect(constantTimeEqual(bytes(0), bytes())).toBe(false);
  });

  it("compares strings as UTF-8, also against bytes", () => {
    expect(constantTimeEqual("123456", "123456")).toBe(true);
    expect(constantTimeEqual("123456", "123457")).toBe(false);
    expect(constantTimeEqual("12345", "123456")).toBe(false);
    expect(constantTimeEqual("é", bytes(0xc3, 0xa9))).toBe(true);
    expect(constantTimeEqual("é", "e")).toBe(false);
  });
});
