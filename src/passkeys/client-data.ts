import { fromBase64Url } from "../crypto/encoding";
import { ApiError } from "../http/errors";
import { PASSKEY_ERRORS } from "./errors";

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  tokenBinding?: { status?: string };
}

export interface ExpectedClientData {
  type: "webauthn.create" | "webauthn.get";
  challenge: string;
  rpId: string;
  restrictedOrigins: string[];
}

export function decodeClientData(clientDataJSON: string): ClientData {
  try {
    const data = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON))) as ClientData;
    if (typeof data.type !== "string" || typeof data.challenge !== "string" || typeof data.origin !== "string") throw new Error("fields");
    return data;
  } catch {
    throw new ApiError(PASSKEY_ERRORS.passkeyVerificationFailed, { message: "clientDataJSON is not valid." });
  }
}

/**
 * The checks of the client data that have their own error codes: ceremony type, challenge,
 * origin (https — or http on localhost, a browser secure context —, within the rpId, in
 * restrictedOrigins when set) and token binding.
 */
export function checkClientData(data: ClientData, expected: ExpectedClientData): void {
  if (data.type !== expected.type) throw new ApiError(PASSKEY_ERRORS.passkeyWrongCeremony);
  if (data.challenge !== expected.challenge) throw new ApiError(PASSKEY_ERRORS.passkeyChallengeMismatch);
  let origin: URL;
  try {
    origin = new URL(data.origin);
  } catch {
    throw new ApiError(PASSKEY_ERRORS.passkeyOriginNotRp);
  }
  const localhost = origin.hostname === "localhost";
  if (origin.protocol !== "https:" && !(origin.protocol === "http:" && localhost)) throw new ApiError(PASSKEY_ERRORS.passkeyOriginNotHttps);
  if (origin.hostname !== expected.rpId && !origin.hostname.endsWith(`.${expected.rpId}`)) throw new ApiError(PASSKEY_ERRORS.passkeyOriginNotRp);
  if (expected.restrictedOrigins.length > 0 && !expected.restrictedOrigins.map((o) => new URL(o).origin).includes(origin.origin)) {
    throw new ApiError(PASSKEY_ERRORS.passkeyOriginNotAllowed);
  }
  if (data.tokenBinding?.status === "present") throw new ApiError(PASSKEY_ERRORS.passkeyTokenBinding);
}
