import { UafFormatError } from "./errors";

/** A minimal strict DER reader (ITU-T X.690 §8/§10): definite lengths, minimal length octets. */
export interface DerElement {
  tag: number;
  value: Uint8Array;
  /** Offset just past this element in the buffer it was read from. */
  end: number;
}

export function readDer(bytes: Uint8Array, offset = 0): DerElement {
  const fail = (why: string) => new UafFormatError("der-malformed", why);
  if (offset + 2 > bytes.length) throw fail("truncated header");
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw fail("multi-byte tag");
  let length = bytes[offset + 1]!;
  let cursor = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw fail("length octets");
    if (cursor + count > bytes.length) throw fail("truncated length");
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | bytes[cursor + i]!;
    if (length < 0x80 || bytes[cursor] === 0) throw fail("non-minimal length");
    cursor += count;
  }
  if (cursor + length > bytes.length) throw fail("truncated value");
  return { tag, value: bytes.subarray(cursor, cursor + length), end: cursor + length };
}

/** Reads one element that must fill `bytes` exactly. */
export function readDerExact(bytes: Uint8Array, tag: number): DerElement {
  const el = readDer(bytes);
  if (el.tag !== tag) throw new UafFormatError("der-malformed", `tag 0x${el.tag.toString(16)}`);
  if (el.end !== bytes.length) throw new UafFormatError("der-malformed", "trailing bytes");
  return el;
}

/** The children of a constructed value. */
export function readDerChildren(value: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  let offset = 0;
  while (offset < value.length) {
    const el = readDer(value, offset);
    out.push(el);
    offset = el.end;
  }
  return out;
}

export function encodeDer(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const header = n < 0x80 ? [tag, n] : n < 0x100 ? [tag, 0x81, n] : n < 0x10000 ? [tag, 0x82, n >> 8, n & 0xff] : [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(header.length + n);
  out.set(header);
  out.set(value, header.length);
  return out;
}

/** An unsigned big-endian magnitude as a DER INTEGER body (leading zeros stripped, 0x00 added when the top bit is set). */
export function unsignedIntegerBody(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.subarray(i);
  if (trimmed.length === 0) return new Uint8Array([0]);
  if (trimmed[0]! & 0x80) {
    const out = new Uint8Array(trimmed.length + 1);
    out.set(trimmed, 1);
    return out;
  }
  return trimmed.slice();
}

/** A DER INTEGER body that must be non-negative and minimally encoded → its magnitude without sign byte. */
export function unsignedIntegerMagnitude(body: Uint8Array): Uint8Array {
  if (body.length === 0) throw new UafFormatError("der-malformed", "empty integer");
  if (body[0]! & 0x80) throw new UafFormatError("der-malformed", "negative integer");
  if (body.length > 1 && body[0] === 0 && !(body[1]! & 0x80)) throw new UafFormatError("der-malformed", "non-minimal integer");
  return body[0] === 0 && body.length > 1 ? body.subarray(1) : body;
}

export const DerTag = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;
