import { defineErrors } from "../http/errors";

/**
 * The appkeys capability's error codes: the seed numbers (1009…1115) and ours, in 1000–1199
 * without reusing a seed number (1094…1113).
 */
export const APPKEY_ERRORS = defineErrors({
  sessionDataMissing: { code: 1009, status: 400, message: "sessionData is required in EXTERNAL session management." },
  sessionDataNoChallenge: { code: 1011, status: 400, message: "sessionData lacks a challenge." },
  noRpId: { code: 1012, status: 400, message: "The request lacks a relying party id (sessionData or rpId)." },
  sessionDataInInternalMode: { code: 1014, status: 400, message: "sessionData was sent for a relying party in INTERNAL session management, or to a sessions endpoint." },
  notAuthenticationMessage: { code: 1017, status: 400, message: "The UAF message is not an authentication message." },
  facetNotTrusted: { code: 1026, status: 400, message: "The facetID is not one of the relying party's trusted facets." },
  challengeMismatch: { code: 1029, status: 400, message: "The challenge of the response does not match the request's." },
  keyTypeNotSupported: { code: 1035, status: 400, message: "The key type is not supported by the policy." },
  sessionDataNoPolicy: { code: 1055, status: 400, message: "sessionData lacks a policy name." },
  noAuthPolicyName: { code: 1056, status: 400, message: "The request lacks an authentication policy name." },
  unknownKeyId: { code: 1058, status: 400, message: "Unknown appkey (KeyID)." },
  otherUsersKey: { code: 1059, status: 400, message: "The appkey belongs to another user." },
  keyNotActive: { code: 1060, status: 400, message: "The appkey is not active." },
  counterRegression: { code: 1061, status: 400, message: "The signature counter is lower than the stored one: possible cloned authenticator. The appkey was disabled." },
  singleShotOutsideWindow: { code: 1090, status: 400, message: "The single-shot challenge's timestamp is outside the policy's window." },
  malformedResponse: { code: 1091, status: 400, message: "The UAF response is malformed." },
  noAssertion: { code: 1092, status: 400, message: "The UAF response carries no assertion." },
  severalAssertions: { code: 1093, status: 400, message: "The UAF response carries several assertions." },
  singleShotReused: { code: 1094, status: 400, message: "The single-shot challenge was already used." },
  signatureInvalid: { code: 1095, status: 400, message: "The assertion's signature does not verify." },
  attestationInvalid: { code: 1096, status: 400, message: "The registration's attestation signature does not verify." },
  attestationNotVerified: { code: 1097, status: 400, message: "The attestation does not chain to a trusted root (policy VERIFIED or trust roots configured for the AAID)." },
  appIdMismatch: { code: 1098, status: 400, message: "The appID of the response is not the relying party's." },
  aaidNotAccepted: { code: 1099, status: 400, message: "The authenticator model (AAID) is not accepted by the policy." },
  unsupportedAlgorithm: { code: 1100, status: 400, message: "Unsupported or unusable signature algorithm or public key." },
  keyIdAlreadyRegistered: { code: 1101, status: 409, message: "This KeyID is already registered." },
  clientFailureMalformed: { code: 1102, status: 400, message: "The client's failure report is malformed." },
  transactionMismatch: { code: 1103, status: 400, message: "The transaction confirmation does not match the transaction shown." },
  clientFailed: { code: 1104, status: 400, message: "The client reported that the UAF operation failed." },
  clientCancelled: { code: 1105, status: 400, message: "The client reported that the UAF operation was cancelled." },
  singleShotDisabled: { code: 1106, status: 400, message: "The authentication policy does not allow single-shot authentication." },
  singleShotMalformed: { code: 1107, status: 400, message: "The single-shot request or its challenge is malformed (base64url of an 8-byte time and 16–56 random bytes)." },
  wrongCeremony: { code: 1108, status: 400, message: "The session or message belongs to another ceremony (registration vs authentication)." },
  deviceNotRegistered: { code: 1109, status: 400, message: "The device has no appkey of the user for this relying party." },
  noActiveAppkey: { code: 1110, status: 400, message: "The user has no active appkey for this relying party." },
  noOutcome: { code: 1115, status: 400, message: "Send either a UAF response or a failure." },
});
