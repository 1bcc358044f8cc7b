import { KeyEncoding, type SignatureFamily } from "./algorithms";
import { bytesEqual, concatBytes } from "./bytes";
import { DerTag, encodeDer, readDerChildren, readDerExact, unsignedIntegerBody, unsignedIntegerMagnitude } from "./der";
import { UafFormatError } from "./errors";

const OID_EC_PUBLIC_KEY = new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
const OID_P256 = new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
const OID_SECP256K1 = new Uint8Array([0x2b, 0x81, 0x04, 0x00, 0x0a]);
const OID_RSA_ENCRYPTION = new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
const OID_RSASSA_PSS = new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a]);

export type EcCurve = "p256" | "secp256k1";

/** A public key as read from SPKI: an uncompressed EC point, or an RSA modulus and exponent (big-endian magnitudes). */
export type PublicKeyInfo = { kind: "ec"; curve: EcCurve; point: Uint8Array } | { kind: "rsa"; modulus: Uint8Array; exponent: Uint8Array };

const malformed = (why: string) => new UafFormatError("public-key-malformed", why);

function ecSpki(curve: EcCurve, point: Uint8Array): Uint8Array {
  const algorithm = encodeDer(DerTag.SEQUENCE, concatBytes(encodeDer(DerTag.OID, OID_EC_PUBLIC_KEY), encodeDer(DerTag.OID, curve === "p256" ? OID_P256 : OID_SECP256K1)));
  return encodeDer(DerTag.SEQUENCE, concatBytes(algorithm, encodeDer(DerTag.BIT_STRING, concatBytes(new Uint8Array([0]), point))));
}

function rsaPublicKeyDer(modulus: Uint8Array, exponent: Uint8Array): Uint8Array {
  return encodeDer(DerTag.SEQUENCE, concatBytes(encodeDer(DerTag.INTEGER, unsignedIntegerBody(modulus)), encodeDer(DerTag.INTEGER, unsignedIntegerBody(exponent))));
}

function rsaSpki(modulus: Uint8Array, exponent: Uint8Array): Uint8Array {
  const algorithm = encodeDer(DerTag.SEQUENCE, concatBytes(encodeDer(DerTag.OID, OID_RSA_ENCRYPTION), encodeDer(DerTag.NULL, new Uint8Array())));
  return encodeDer(DerTag.SEQUENCE, concatBytes(algorithm, encodeDer(DerTag.BIT_STRING, concatBytes(new Uint8Array([0]), rsaPublicKeyDer(modulus, exponent)))));
}

function checkRsa(modulus: Uint8Array, exponent: Uint8Array): void {
  const bits = modulus.length * 8 - Math.clz32(modulus[0] ?? 0) + 24;
  if (bits < 2048 || bits > 4096) throw malformed(`RSA modulus of ${bits} bits`);
  if (exponent.length === 0 || exponent.length > 8 || !(exponent[exponent.length - 1]! & 1)) throw malformed("RSA exponent");
}

function checkPoint(point: Uint8Array): void {
  if (point.length !== 65 || point[0] !== 0x04) throw malformed("not an uncompressed 256-bit EC point");
}

/** PKCS#1 RSAPublicKey (RFC 8017 §A.1.1) → modulus, exponent. */
function readRsaPublicKey(der: Uint8Array): { modulus: Uint8Array; exponent: Uint8Array } {
  const parts = readDerChildren(readDerExact(der, DerTag.SEQUENCE).value);
  if (parts.length !== 2 || parts.some((p) => p.tag !== DerTag.INTEGER)) throw malformed("RSAPublicKey");
  const modulus = unsignedIntegerMagnitude(parts[0]!.value);
  const exponent = unsignedIntegerMagnitude(parts[1]!.value);
  checkRsa(modulus, exponent);
  return { modulus, exponent };
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) → the key; P-256, secp256k1 and RSA only. */
export function readSpki(spki: Uint8Array): PublicKeyInfo {
  try {
    const [algorithm, bitString, ...rest] = readDerChildren(readDerExact(spki, DerTag.SEQUENCE).value);
    if (!algorithm || algorithm.tag !== DerTag.SEQUENCE || !bitString || bitString.tag !== DerTag.BIT_STRING || rest.length) throw malformed("SPKI structure");
    const [oid, params] = readDerChildren(algorithm.value);
    if (!oid || oid.tag !== DerTag.OID || bitString.value[0] !== 0) throw malformed("SPKI algorithm");
    const key = bitString.value.subarray(1);
    if (bytesEqual(oid.value, OID_EC_PUBLIC_KEY)) {
      if (!params || params.tag !== DerTag.OID) throw malformed("EC curve");
      const curve = bytesEqual(params.value, OID_P256) ? "p256" : bytesEqual(params.value, OID_SECP256K1) ? "secp256k1" : undefined;
      if (!curve) throw malformed("unsupported EC curve");
      checkPoint(key);
      return { kind: "ec", curve, point: key };
    }
    if (bytesEqual(oid.value, OID_RSA_ENCRYPTION) || bytesEqual(oid.value, OID_RSASSA_PSS)) return { kind: "rsa", ...readRsaPublicKey(key) };
    throw malformed("unsupported key algorithm");
  } catch (error) {
    if (error instanceof UafFormatError && error.reason === "public-key-malformed") throw error;
    throw malformed("not a SubjectPublicKeyInfo");
  }
}

/** The canonical SPKI of a key (RSA always as rsaEncryption, so WebCrypto imports it for PSS and PKCS#1 v1.5). */
export function spkiOf(key: PublicKeyInfo): Uint8Array {
  return key.kind === "ec" ? ecSpki(key.curve, key.point) : rsaSpki(key.modulus, key.exponent);
}

/**
 * A UAF PUB_KEY (any supported encoding, Registry of Predefined Values §3.6.2) → canonical SPKI bytes,
 * checked against the signature family of the assertion.
 */
export function publicKeyToSpki(publicKey: Uint8Array, encoding: number, family: SignatureFamily): Uint8Array {
  const ec = family === "p256" || family === "secp256k1";
  let key: PublicKeyInfo;
  switch (encoding) {
    case KeyEncoding.ECC_X962_RAW:
      if (!ec) throw malformed("EC encoding for an RSA algorithm");
      checkPoint(publicKey);
      key = { kind: "ec", curve: family, point: publicKey };
      break;
    case KeyEncoding.ECC_X962_DER:
      key = readSpki(publicKey);
      break;
    case KeyEncoding.RSA_2048_RAW: {
      // n (256 bytes, big-endian) followed by e (the remaining bytes).
      if (publicKey.length <= 256) throw malformed("RSA raw key too short");
      const modulus = publicKey.subarray(0, 256);
      const exponent = unsignedIntegerMagnitude(unsignedIntegerBody(publicKey.subarray(256)));
      checkRsa(modulus, exponent);
      key = { kind: "rsa", modulus, exponent };
      break;
    }
    case KeyEncoding.RSA_2048_DER: {
      // Either SPKI or a bare PKCS#1 RSAPublicKey: tell them apart by the first child's tag.
      let first;
      try {
        first = readDerChildren(readDerExact(publicKey, DerTag.SEQUENCE).value)[0];
      } catch {
        throw malformed("RSA DER key");
      }
      key = first?.tag === DerTag.INTEGER ? { kind: "rsa", ...readRsaPublicKey(publicKey) } : readSpki(publicKey);
      break;
    }
    default:
      throw malformed(`unsupported key encoding 0x${encoding.toString(16)}`);
  }
  if (ec ? key.kind !== "ec" || key.curve !== family : key.kind !== "rsa") throw malformed("key does not match the signature algorithm");
  return spkiOf(key);
}
