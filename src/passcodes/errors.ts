import { defineErrors } from "../http/errors";

/** The passcodes capability's error codes. */
export const PASSCODE_ERRORS = defineErrors({
  passcodeNotRegistered: { code: 2401, status: 400, message: "No passcode is registered for this user and policy." },
  passcodeExists: { code: 2402, status: 409, message: "A passcode is already registered for this policy; use renewal." },
  passcodeDisabled: { code: 2403, status: 400, message: "The passcode is disabled." },
  passcodeProofMismatch: { code: 2404, status: 400, message: "Proof mismatch: wrong passcode." },
  srpValueInvalid: { code: 2405, status: 400, message: "Invalid SRP value." },
  sessionMismatch: { code: 2406, status: 400, message: "The session belongs to another ceremony, store or policy." },
  passcodeExpired: { code: 2407, status: 400, message: "The passcode has expired; renew it." },
});
