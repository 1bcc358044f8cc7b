import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeBase64Any,
  decodeFcParams,
  encodeTlv,
  parseAuthAssertion,
  parseRegAssertion,
  parseUafResponse,
  readTlvs,
  UafFormatError,
  verifyAuthentication,
  verifyRegistration,
} from "../../../src/appkeys/uaf";
import { vectors } from "./vectors";

/** Runs `fn`; the only acceptable exception is UafFormatError. */
function onlyFormatErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof UafFormatError) return true;
    throw error;
  }
}

const KNOWN_TAGS = [0x3e01, 0x3e02, 0x3e03, 0x3e04, 0x2e05, 0x2e06, 0x3e07, 0x3e08, 0x2e09, 0x2e0a, 0x2e0b, 0x2e0c, 0x2e0d, 0x2e0e, 0x2e0f, 0x2e10, 0x3e11, 0x3e12, 0x2e13, 0x2e14];
const CONTAINERS = [0x3e01, 0x3e02, 0x3e03, 0x3e04, 0x3e07, 0x3e08, 0x3e11, 0x3e12];

/** Random TLV trees over the UAF tags (mostly well-formed, so the parser goes deep). */
const tlvTree: fc.Arbitrary<Uint8Array> = fc.letrec<{ node: Uint8Array }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(fc.constantFrom(...KNOWN_TAGS, 0x1234), fc.uint8Array({ maxLength: 80 })).map(([tag, value]) => encodeTlv(tag, value)),
    fc.tuple(fc.constantFrom(...CONTAINERS), fc.array(tie("node"), { maxLength: 8 })).map(([tag, children]) => encodeTlv(tag, ...children)),
  ),
})).node;

const realAssertions = [
  vectors.specExample.registration.assertion,
  vectors.dds.registration.assertion,
  vectors.raon.registration.assertion,
  vectors.samsung.registrations[0]!,
  vectors.specExample.authentication.assertion,
  vectors.dds.authentication.assertion,
  vectors.raon.authentication.assertion,
].map(decodeBase64Any);

const parseAll = (bytes: Uint8Array) => {
  onlyFormatErrors(() => readTlvs(bytes));
  onlyFormatErrors(() => parseRegAssertion(bytes));
  onlyFormatErrors(() => parseAuthAssertion(bytes));
  onlyFormatErrors(() => parseRegAssertion(bytes, { minKeyIdLength: 0 }));
  return true;
};

describe("property: the parser only ever returns a result or throws UafFormatError", () => {
  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), parseAll), { numRuns: 2000 });
  });

  it("random TLV trees over the UAF tags, whole and truncated", () => {
    fc.assert(
      fc.property(tlvTree, fc.nat(), (tree, cut) => parseAll(tree) && parseAll(tree.subarray(0, cut % (tree.length + 1)))),
      { numRuns: 1500 },
    );
  });

  it("real assertions truncated, with bytes overwritten, or with a length field changed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...realAssertions), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (raw, cut, at, byte) => {
        const mutated = raw.slice();
        mutated[at % raw.length] = byte;
        return parseAll(raw.subarray(0, cut % raw.length)) && parseAll(mutated);
      }),
      { numRuns: 2000 },
    );
  });

  it("verification of mutated real assertions never throws (a result with a reason instead)", async () => {
    const reg = parseRegAssertion(realAssertions[0]!);
    const spki = (await verifyRegistration({ assertion: reg, expectedFinalChallenge: reg.finalChallenge, now: new Date() })) as { publicKeySpki: Uint8Array };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2, 3, 4), fc.nat(), fc.integer({ min: 0, max: 255 }), async (which, at, byte) => {
        const raw = realAssertions[which]!.slice();
        raw[at % raw.length] = byte;
        let parsed;
        try {
          parsed = which < 4 ? parseRegAssertion(raw, { minKeyIdLength: 0 }) : parseAuthAssertion(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(UafFormatError);
          return;
        }
        const result =
          "krd" in parsed
            ? await verifyRegistration({ assertion: parsed, expectedFinalChallenge: parsed.finalChallenge, now: new Date() })
            : await verifyAuthentication({ assertion: parsed, expectedFinalChallenge: parsed.finalChallenge, publicKeySpki: spki.publicKeySpki, algorithm: 1, storedSignCounter: 1 });
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("UAF response messages and fcParams: any string → a result or UafFormatError", () => {
    const json = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify([{ header: { upv: { major: 1, minor: 1 }, op: "Reg" }, fcParams: "e30", assertions: v }])));
    fc.assert(fc.property(json, (text) => onlyFormatErrors(() => parseUafResponse(text, "Reg"))), { numRuns: 1500 });
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json().map((j) => btoa(String.fromCharCode(...new TextEncoder().encode(j))))), (text) => onlyFormatErrors(() => decodeFcParams(text))), { numRuns: 1500 });
  });
});
