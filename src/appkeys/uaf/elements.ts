import { u16le } from "./bytes";
import { UafFormatError } from "./errors";
import { isExtensionTag, readExtension, type UafExtension } from "./extensions";
import { Tag } from "./tags";
import { readTlvs, type TlvElement } from "./tlv";

/** Options for reading assertions. */
export interface UafParseOptions {
  /** Extension ids this server understands (a critical extension outside this list is refused). */
  knownExtensions?: readonly string[];
  /** The spec's minimum KeyID length is 32; some old reference clients used shorter ids. */
  minKeyIdLength?: number;
}

/** The children of a container element, by tag; a known tag twice is refused, unknown ones are ignored. */
export interface Children {
  get(tag: number): TlvElement | undefined;
  require(tag: number): TlvElement;
  all(tag: number): TlvElement[];
  extensions: UafExtension[];
}

/** Tags that may occur several times inside a container. */
const REPEATABLE = new Set<number>([Tag.ATTESTATION_CERT]);

export function readChildren(value: Uint8Array, options: UafParseOptions): Children {
  const known = new Set(options.knownExtensions ?? []);
  const byTag = new Map<number, TlvElement[]>();
  const extensions: UafExtension[] = [];
  for (const el of readTlvs(value)) {
    if (isExtensionTag(el.tag)) {
      extensions.push(readExtension(el, known));
      continue;
    }
    const list = byTag.get(el.tag) ?? [];
    if (list.length && !REPEATABLE.has(el.tag)) throw new UafFormatError("tlv-duplicate-tag", `0x${el.tag.toString(16)}`);
    list.push(el);
    byTag.set(el.tag, list);
  }
  return {
    get: (tag) => byTag.get(tag)?.[0],
    require: (tag) => {
      const el = byTag.get(tag)?.[0];
      if (!el) throw new UafFormatError("tlv-missing-tag", `0x${tag.toString(16)}`);
      return el;
    },
    all: (tag) => byTag.get(tag) ?? [],
    extensions,
  };
}

export function checkLength(el: TlvElement, min: number, max: number): Uint8Array {
  if (el.value.length < min || el.value.length > max) throw new UafFormatError("tlv-bad-length", `tag 0x${el.tag.toString(16)}: ${el.value.length} bytes`);
  return el.value;
}

/** AAID: "VVVV#MMMM", vendor and model as hex (UAF Protocol §3.1.4). */
export function readAaid(el: TlvElement): string {
  const text = String.fromCharCode(...checkLength(el, 9, 9));
  if (!/^[0-9A-Fa-f]{4}#[0-9A-Fa-f]{4}$/.test(text)) throw new UafFormatError("aaid-malformed", text);
  return text;
}

export function readKeyId(el: TlvElement, options: UafParseOptions): Uint8Array {
  const min = options.minKeyIdLength ?? 32;
  if (el.value.length < min || el.value.length > 2048) throw new UafFormatError("keyid-length", `${el.value.length} bytes`);
  return el.value;
}

export function readFinalChallenge(el: TlvElement): Uint8Array {
  return checkLength(el, 1, 64);
}

export interface AssertionInfo {
  authenticatorVersion: number;
  authenticationMode: number;
  signatureAlgorithm: number;
  /** Registration only. */
  publicKeyEncoding?: number;
}

/** ASSERTION_INFO: version u16, authenticationMode u8, signature algorithm u16 (+ public key encoding u16 in a KRD). */
export function readAssertionInfo(el: TlvElement, registration: boolean): AssertionInfo {
  const v = checkLength(el, registration ? 7 : 5, registration ? 7 : 5);
  return {
    authenticatorVersion: u16le(v, 0),
    authenticationMode: v[2]!,
    signatureAlgorithm: u16le(v, 3),
    ...(registration ? { publicKeyEncoding: u16le(v, 5) } : {}),
  };
}
