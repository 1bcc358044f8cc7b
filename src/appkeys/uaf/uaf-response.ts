import { decodeBase64Any } from "./bytes";
import { UafFormatError } from "./errors";

export type UafOperation = "Reg" | "Auth" | "Dereg";

export interface UafHeader {
  upv: { major: number; minor: number };
  op: UafOperation;
  appID?: string;
  serverData?: string;
}

/** The one response of a UAF response message (UAF Protocol §3.4.6.4 / §3.5.7.4), UAFV1TLV only. */
export interface UafResponse {
  header: UafHeader;
  /** Exactly as received: FINAL_CHALLENGE is its hash. */
  fcParams: string;
  assertionScheme: "UAFV1TLV";
  /** The decoded TLV bytes of the single assertion. */
  assertion: Uint8Array;
  /** The message's and the assertion's JSON extensions (UAF Protocol §3.1.6), well-formed ones only. */
  extensions: UafMessageExtension[];
}

export interface UafMessageExtension {
  id: string;
  data: string;
}

function messageExtensions(...lists: unknown[]): UafMessageExtension[] {
  return lists.flatMap((list) =>
    (Array.isArray(list) ? list : []).flatMap((e: unknown) =>
      isObject(e) && typeof e.id === "string" && e.id.length <= 128 && typeof e.data === "string" && e.data.length <= 8192 ? [{ id: e.id, data: e.data }] : [],
    ),
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const malformed = (why: string) => new UafFormatError("message-malformed", why);

export function readHeader(value: unknown): UafHeader {
  if (!isObject(value)) throw malformed("header");
  const { upv, op, appID, serverData } = value;
  if (!isObject(upv) || typeof upv.major !== "number" || typeof upv.minor !== "number") throw malformed("header.upv");
  if (upv.major !== 1 || (upv.minor !== 0 && upv.minor !== 1)) throw new UafFormatError("unsupported-version", `${upv.major}.${upv.minor}`);
  if (op !== "Reg" && op !== "Auth" && op !== "Dereg") throw malformed("header.op");
  if (appID !== undefined && typeof appID !== "string") throw malformed("header.appID");
  if (serverData !== undefined && typeof serverData !== "string") throw malformed("header.serverData");
  return { upv: { major: upv.major, minor: upv.minor }, op, ...(appID !== undefined ? { appID } : {}), ...(serverData !== undefined ? { serverData } : {}) };
}

/**
 * Reads a UAF response message (a JSON string: an array holding one response). Refuses, each with its
 * own reason: not JSON or wrong shape (message-malformed), no assertion, several assertions, another
 * assertion scheme, another operation than `expectedOp`.
 */
export function parseUafResponse(json: string, expectedOp: "Reg" | "Auth"): UafResponse {
  let message: unknown;
  try {
    message = JSON.parse(json);
  } catch {
    throw malformed("not JSON");
  }
  if (!Array.isArray(message) || message.length !== 1 || !isObject(message[0])) throw malformed("expected an array of one response");
  const response = message[0];
  const header = readHeader(response.header);
  if (header.op !== expectedOp) throw new UafFormatError("operation-mismatch", `${header.op} instead of ${expectedOp}`);
  if (typeof response.fcParams !== "string" || !response.fcParams) throw malformed("fcParams");
  const assertions = response.assertions;
  if (assertions === undefined || assertions === null || (Array.isArray(assertions) && assertions.length === 0)) throw new UafFormatError("no-assertion");
  if (!Array.isArray(assertions)) throw malformed("assertions");
  if (assertions.length > 1) throw new UafFormatError("several-assertions", `${assertions.length}`);
  const first: unknown = assertions[0];
  if (!isObject(first) || typeof first.assertion !== "string" || typeof first.assertionScheme !== "string") throw malformed("assertion");
  if (first.assertionScheme !== "UAFV1TLV") throw new UafFormatError("unsupported-assertion-scheme", first.assertionScheme);
  const extensions = messageExtensions(isObject(response.header) ? response.header.exts : undefined, first.exts);
  return { header, fcParams: response.fcParams, assertionScheme: "UAFV1TLV", assertion: decodeBase64Any(first.assertion), extensions };
}
