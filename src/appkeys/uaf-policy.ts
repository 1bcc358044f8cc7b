import type { MatchCriteria, UafPolicy } from "./uaf";
import { SUPPORTED_SIGN_ALGS } from "./uaf";
import type { KeyType } from "./policy";

/**
 * userVerification bits (FIDO Registry of Predefined Values §3.1) per key type:
 * DEVICE = PASSCODE (0x04) | PATTERN (0x80): any device-secret method;
 * BIOMETRIC = FINGERPRINT (0x02) | VOICEPRINT (0x08) | FACEPRINT (0x10) | EYEPRINT (0x40) | HANDPRINT (0x100): any biometric;
 * DEVICE_AND_BIOMETRIC = ALL (0x400) | PASSCODE | FINGERPRINT: both, combined.
 */
export const USER_VERIFICATION: Record<KeyType, number> = {
  DEVICE: 0x04 | 0x80,
  BIOMETRIC: 0x02 | 0x08 | 0x10 | 0x40 | 0x100,
  DEVICE_AND_BIOMETRIC: 0x400 | 0x04 | 0x02,
};

/** `policy.accepted`: one alternative per allowed key type; the AAID list when set, else the scheme and the algorithms this server verifies. */
export function uafPolicy(keyTypes: readonly KeyType[], aaids: readonly string[] | null): UafPolicy {
  return {
    accepted: keyTypes.map((keyType): MatchCriteria[] => [
      {
        userVerification: USER_VERIFICATION[keyType],
        ...(aaids ? { aaid: [...aaids] } : { assertionSchemes: ["UAFV1TLV"], authenticationAlgorithms: [...SUPPORTED_SIGN_ALGS] }),
      },
    ]),
  };
}
