import { describe, expect, it } from "vitest";
import { checkJsonText, JsonRefusal, MAX_JSON_DEPTH } from "../../src/http/json";

const refusal = (text: string) => {
  try {
    checkJsonText(text);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(JsonRefusal);
    return (error as Error).message;
  }
};

describe("checkJsonText (before any recursive processing)", () => {
  it("accepts ordinary JSON, including keys repeated in different objects and escaped quotes", () => {
    expect(refusal('{"a":{"x":1},"b":{"x":"say \\"hi\\"","y":["a","a"]}}')).toBeNull();
    expect(refusal('"\\ud83d\\ude00"')).toBeNull();
  });

  it("refuses nesting deeper than the limit without recursion, at any depth asked", () => {
    expect(refusal("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH))).toBeNull();
    expect(refusal("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1))).toMatch(/deeper than 32/);
    expect(refusal('{"a":'.repeat(100_000) + "1" + "}".repeat(100_000))).toMatch(/deeper/);
  });

  it("refuses duplicate keys, also after nested values", () => {
    expect(refusal('{"a":1,"a":2}')).toMatch(/Duplicate key "a"/);
    expect(refusal('{"a":{"b":[1,{"c":2}]},"a":3}')).toMatch(/Duplicate/);
    expect(refusal('{"a":"a"}')).toBeNull();
    expect(refusal('{"\\u0061":1,"a":2}')).toMatch(/Duplicate/);
  });

  it("refuses lone surrogates in values and keys", () => {
    expect(refusal('{"extId":"k\\ud800"}')).toMatch(/well-formed/);
    expect(refusal('{"extId":"k\\udc00"}')).toMatch(/well-formed/);
    expect(refusal('{"k\\ud801":1}')).toMatch(/well-formed/);
  });

  it("refuses a __proto__ key, which later copies would turn into a prototype", () => {
    expect(refusal('{"a":{"__proto__":{}}}')).toMatch(/__proto__/);
    expect(refusal('{"a":"__proto__"}')).toBeNull();
  });

  it("refuses an unterminated string", () => {
    expect(refusal('{"a":"b')).toMatch(/Unterminated/);
  });
});
