import { toBase64Url } from "./bytes";

/** MatchCriteria (UAF Protocol §3.1.1): the fields this server emits. */
export interface MatchCriteria {
  aaid?: string[];
  userVerification?: number;
  keyProtection?: number;
  assertionSchemes?: string[];
  authenticationAlgorithms?: number[];
  keyIDs?: string[];
}

/** Policy (UAF Protocol §3.1.2). */
export interface UafPolicy {
  accepted: MatchCriteria[][];
  disallowed?: MatchCriteria[];
}

export interface UafRequestHeader {
  upv: { major: 1; minor: 1 };
  op: "Reg" | "Auth" | "Dereg";
  appID: string;
  serverData?: string;
}

export interface UafTransaction {
  contentType: "text/plain";
  /** base64url of the UTF-8 text. */
  content: string;
}

export interface RegistrationRequestInput {
  appID: string;
  serverData?: string;
  challenge: string;
  username?: string;
  policy: UafPolicy;
}

export interface AuthenticationRequestInput {
  appID: string;
  serverData?: string;
  challenge: string;
  policy: UafPolicy;
  /** The text shown to the user; carried base64url-encoded as text/plain. */
  transactionText?: string;
}

export interface DeregisterAuthenticator {
  aaid: string;
  /** base64url KeyID. */
  keyID: string;
}

const header = (op: UafRequestHeader["op"], appID: string, serverData?: string): UafRequestHeader => ({
  upv: { major: 1, minor: 1 },
  op,
  appID,
  ...(serverData !== undefined ? { serverData } : {}),
});

/** The transaction entry of an Auth request: text/plain, content base64url(UTF-8). */
export function textTransaction(text: string): UafTransaction {
  return { contentType: "text/plain", content: toBase64Url(new TextEncoder().encode(text)) };
}

/** RegistrationRequest (UAF Protocol §3.4.1) as the JSON string a UAF client consumes. */
export function buildRegistrationRequest(input: RegistrationRequestInput): string {
  const { appID, serverData, challenge, username, policy } = input;
  return JSON.stringify([{ header: header("Reg", appID, serverData), challenge, ...(username !== undefined ? { username } : {}), policy }]);
}

/** AuthenticationRequest (UAF Protocol §3.5.1). */
export function buildAuthenticationRequest(input: AuthenticationRequestInput): string {
  const { appID, serverData, challenge, policy, transactionText } = input;
  return JSON.stringify([
    { header: header("Auth", appID, serverData), challenge, ...(transactionText !== undefined ? { transaction: [textTransaction(transactionText)] } : {}), policy },
  ]);
}

/** DeregistrationRequest (UAF Protocol §3.6.1): the keys to forget. */
export function buildDeregistrationRequest(appID: string, authenticators: DeregisterAuthenticator[]): string {
  return JSON.stringify([{ header: header("Dereg", appID), authenticators }]);
}
