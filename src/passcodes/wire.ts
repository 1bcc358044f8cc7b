import { fromHex } from "../crypto/encoding";
import { ApiError } from "../http/errors";
import { padded, parseHexNumber } from "./srp/bigint";
import type { SrpSuite } from "./srp/profile";
import { PASSCODE_ERRORS } from "./errors";

const invalid = (message: string, path: string) => new ApiError(PASSCODE_ERRORS.srpValueInvalid, { message, details: [{ path, message }] });

/** A public ephemeral or verifier from the wire: hex, 1 < value < N. */
export function groupElement(suite: SrpSuite, hex: string, path: string): bigint {
  const value = parseHexNumber(hex);
  if (value === null) throw invalid(`${path} must be lowercase hex without 0x`, path);
  if (value <= 1n || value >= suite.group.N) throw invalid(`${path} must be between 1 and N (exclusive)`, path);
  return value;
}

/** A client's A: hex; A mod N = 0 is refused by the proof check itself. */
export function clientEphemeral(hex: string): bigint {
  const value = parseHexNumber(hex);
  if (value === null) throw invalid("A must be hex", "A");
  return value;
}

export function saltBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2}){16,64}$/.test(hex)) throw invalid("salt must be 16–64 bytes of hex", "salt");
  return fromHex(hex);
}

/** M1 as the hash's full length; clients that treat it as an integer may send fewer digits. */
export function proofBytes(suite: SrpSuite, hex: string): Uint8Array {
  const length = suite.hash === "SHA-512" ? 64 : suite.hash === "SHA-256" ? 32 : 20;
  if (!new RegExp(`^[0-9a-fA-F]{1,${length * 2}}$`).test(hex)) throw invalid(`M1 must be at most ${length} bytes of hex`, "M1");
  return padded(BigInt(`0x${hex}`), length);
}
