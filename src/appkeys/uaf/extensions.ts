import { UafFormatError } from "./errors";
import { Tag } from "./tags";
import { readTlvs, type TlvElement } from "./tlv";

/** A UAF extension carried in a TLV assertion (Authenticator Commands §5.2 TAG_EXTENSION / _NON_CRITICAL). */
export interface UafExtension {
  id: string;
  data: Uint8Array;
  critical: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function isExtensionTag(tag: number): boolean {
  return tag === Tag.EXTENSION || tag === Tag.EXTENSION_NON_CRITICAL;
}

/**
 * Reads an extension element. A critical extension whose id is not in `known` is refused
 * (the authenticator said: do not accept me if you do not understand me); a non-critical one is returned.
 */
export function readExtension(element: TlvElement, known: ReadonlySet<string>): UafExtension {
  let id: string | undefined;
  let data: Uint8Array | undefined;
  for (const child of readTlvs(element.value)) {
    if (child.tag === Tag.EXTENSION_ID && id === undefined) {
      try {
        id = utf8.decode(child.value);
      } catch {
        throw new UafFormatError("extension-malformed", "id is not UTF-8");
      }
    } else if (child.tag === Tag.EXTENSION_DATA && data === undefined) data = child.value;
    else throw new UafFormatError("extension-malformed", `tag 0x${child.tag.toString(16)}`);
  }
  if (!id) throw new UafFormatError("extension-malformed", "no id");
  const critical = element.tag === Tag.EXTENSION;
  if (critical && !known.has(id)) throw new UafFormatError("unknown-critical-extension", id);
  return { id, data: data ?? new Uint8Array(), critical };
}
