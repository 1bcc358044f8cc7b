import { UafFormatError } from "./errors";

/** One TLV element: `tag (u16 LE) | length (u16 LE) | value` (UAF Authenticator Commands §6.1). */
export interface TlvElement {
  tag: number;
  value: Uint8Array;
  /** The whole element, header included: what UAF signs for KRD and SIGNED_DATA. */
  raw: Uint8Array;
}

const HEADER = 4;
const MAX_LENGTH = 0xffff;

/** Reads the elements laid end to end in `bytes`; every length is checked against the buffer. */
export function readTlvs(bytes: Uint8Array): TlvElement[] {
  const out: TlvElement[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER) throw new UafFormatError("tlv-truncated", `header at ${offset}`);
    const tag = bytes[offset]! | (bytes[offset + 1]! << 8);
    const length = bytes[offset + 2]! | (bytes[offset + 3]! << 8);
    const end = offset + HEADER + length;
    if (end > bytes.length) throw new UafFormatError("tlv-truncated", `tag 0x${tag.toString(16)} needs ${length} bytes`);
    out.push({ tag, value: bytes.subarray(offset + HEADER, end), raw: bytes.subarray(offset, end) });
    offset = end;
  }
  return out;
}

/** Reads exactly one element of the expected tag spanning all of `bytes`. */
export function readSingleTlv(bytes: Uint8Array, tag: number): TlvElement {
  const elements = readTlvs(bytes);
  const first = elements[0];
  if (!first) throw new UafFormatError("tlv-truncated", "empty");
  if (first.tag !== tag) throw new UafFormatError("tlv-unexpected-tag", `0x${first.tag.toString(16)} instead of 0x${tag.toString(16)}`);
  if (elements.length > 1) throw new UafFormatError("tlv-trailing-bytes");
  return first;
}

/** Encodes one element. */
export function encodeTlv(tag: number, ...values: Uint8Array[]): Uint8Array {
  const length = values.reduce((n, v) => n + v.length, 0);
  if (length > MAX_LENGTH || tag < 0 || tag > 0xffff) throw new UafFormatError("tlv-bad-length", `${length}`);
  const out = new Uint8Array(HEADER + length);
  out[0] = tag & 0xff;
  out[1] = tag >> 8;
  out[2] = length & 0xff;
  out[3] = length >> 8;
  let offset = HEADER;
  for (const v of values) {
    out.set(v, offset);
    offset += v.length;
  }
  return out;
}
