/** Why a well-formed assertion was refused; the HTTP layer maps each to a documented code. */
export type UafVerifyFailure =
  | "unsupported-algorithm"
  | "algorithm-mismatch"
  | "public-key-invalid"
  | "final-challenge-mismatch"
  | "signature-invalid"
  | "attestation-signature-invalid"
  | "attestation-not-verified"
  | "counter-not-increasing"
  | "transaction-hash-mismatch"
  | "transaction-missing"
  | "transaction-unexpected"
  | "authentication-mode-invalid"
  | "aaid-not-accepted"
  | "aaid-mismatch"
  | "key-id-mismatch";

export type UafVerifyResult<T> = ({ ok: true } & T) | { ok: false; reason: UafVerifyFailure };
