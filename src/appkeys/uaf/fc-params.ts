import { decodeBase64Any, sha256 } from "./bytes";
import { UafFormatError } from "./errors";

/** FinalChallengeParams (UAF Protocol §3.2.1), decoded from the response's `fcParams`. */
export interface FinalChallengeParams {
  appID: string;
  facetID: string;
  challenge: string;
  channelBinding: Record<string, unknown>;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

/** FINAL_CHALLENGE = SHA-256 of the fcParams string exactly as received (never re-encoded: padding and escapes matter). */
export async function finalChallengeHash(fcParams: string): Promise<Uint8Array> {
  return sha256(encoder.encode(fcParams));
}

/** base64url or padded standard base64 → `{ appID, facetID, challenge, channelBinding }`; anything else → UafFormatError. */
export function decodeFcParams(fcParams: string): FinalChallengeParams {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(decodeBase64Any(fcParams)));
  } catch {
    throw new UafFormatError("fc-params-malformed", "not base64 JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UafFormatError("fc-params-malformed", "not an object");
  const { appID, facetID, challenge, channelBinding } = parsed as Record<string, unknown>;
  if (typeof appID !== "string" || typeof facetID !== "string" || typeof challenge !== "string" || !challenge) {
    throw new UafFormatError("fc-params-malformed", "appID, facetID and challenge must be strings");
  }
  if (channelBinding !== undefined && (typeof channelBinding !== "object" || channelBinding === null || Array.isArray(channelBinding))) {
    throw new UafFormatError("fc-params-malformed", "channelBinding");
  }
  return { appID, facetID, challenge, channelBinding: (channelBinding ?? {}) as Record<string, unknown> };
}
