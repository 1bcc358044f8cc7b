/** Signature algorithms and public key encodings (FIDO Registry of Predefined Values v1.1 §3.6.1 / §3.6.2). */
export const SignAlg = {
  SECP256R1_ECDSA_SHA256_RAW: 0x0001,
  SECP256R1_ECDSA_SHA256_DER: 0x0002,
  RSASSA_PSS_SHA256_RAW: 0x0003,
  RSASSA_PSS_SHA256_DER: 0x0004,
  SECP256K1_ECDSA_SHA256_RAW: 0x0005,
  SECP256K1_ECDSA_SHA256_DER: 0x0006,
  RSASSA_PKCSV15_SHA256_RAW: 0x0008,
  RSASSA_PKCSV15_SHA256_DER: 0x0009,
} as const;

export const KeyEncoding = {
  ECC_X962_RAW: 0x0100,
  ECC_X962_DER: 0x0101,
  RSA_2048_RAW: 0x0102,
  RSA_2048_DER: 0x0103,
} as const;

export type SignatureFamily = "p256" | "secp256k1" | "rsa-pss" | "rsa-pkcs1";

export interface SignAlgInfo {
  family: SignatureFamily;
  /** true: the signature is DER (ECDSA SEQUENCE, or an OCTET STRING around the RSA signature). */
  der: boolean;
}

const ALGS: Record<number, SignAlgInfo> = {
  [SignAlg.SECP256R1_ECDSA_SHA256_RAW]: { family: "p256", der: false },
  [SignAlg.SECP256R1_ECDSA_SHA256_DER]: { family: "p256", der: true },
  [SignAlg.RSASSA_PSS_SHA256_RAW]: { family: "rsa-pss", der: false },
  [SignAlg.RSASSA_PSS_SHA256_DER]: { family: "rsa-pss", der: true },
  [SignAlg.SECP256K1_ECDSA_SHA256_RAW]: { family: "secp256k1", der: false },
  [SignAlg.SECP256K1_ECDSA_SHA256_DER]: { family: "secp256k1", der: true },
  [SignAlg.RSASSA_PKCSV15_SHA256_RAW]: { family: "rsa-pkcs1", der: false },
  [SignAlg.RSASSA_PKCSV15_SHA256_DER]: { family: "rsa-pkcs1", der: true },
};

/** The algorithms this codec verifies (for `policy.accepted[].authenticationAlgorithms`). */
export const SUPPORTED_SIGN_ALGS: readonly number[] = Object.keys(ALGS).map(Number);

export function signAlgInfo(alg: number): SignAlgInfo | undefined {
  return ALGS[alg];
}

export function isSupportedKeyEncoding(encoding: number): boolean {
  return encoding >= KeyEncoding.ECC_X962_RAW && encoding <= KeyEncoding.RSA_2048_DER;
}
