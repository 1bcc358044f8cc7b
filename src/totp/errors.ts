import { defineErrors } from "../http/errors";

/** The totp capability's error codes. */
export const TOTP_ERRORS = defineErrors({
  totpNotRegistered: { code: 2301, status: 400, message: "No TOTP is registered for this user and policy." },
  totpNotActive: { code: 2302, status: 400, message: "The TOTP is not active (complete the registration first, or it is disabled)." },
  totpRegistrationExpired: { code: 2303, status: 400, message: "The pending TOTP registration has expired; start a new one." },
  totpWrongCode: { code: 2304, status: 400, message: "Wrong TOTP code." },
  totpCodeReplayed: { code: 2305, status: 400, message: "This TOTP code was already used." },
  totpCodeMalformed: { code: 2306, status: 400, message: "Malformed TOTP code." },
});
