import { secp256k1 } from "@noble/curves/secp256k1.js";
import { signAlgInfo } from "./algorithms";
import { DerTag, readDerExact } from "./der";
import { ecdsaDerToRaw } from "./ecdsa-signature";
import { UafFormatError } from "./errors";
import { readSpki, spkiOf } from "./public-key";

/** The bare signature bytes for the algorithm: DER ECDSA → r‖s, DER RSA → the OCTET STRING's content. */
function bareSignature(der: boolean, rsa: boolean, signature: Uint8Array): Uint8Array {
  if (!der) return signature;
  if (!rsa) return ecdsaDerToRaw(signature);
  try {
    return readDerExact(signature, DerTag.OCTET_STRING).value;
  } catch {
    throw new UafFormatError("signature-malformed", "RSA DER signature is not an OCTET STRING");
  }
}

/**
 * Verifies `signature` over `data` (SHA-256 in every algorithm) with a key given as SPKI.
 * Returns false for a wrong or malformed signature and for an unsupported algorithm or a key of another
 * family; throws UafFormatError only when the SPKI itself cannot be read.
 */
export async function verifySignature(algorithm: number, spki: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const info = signAlgInfo(algorithm);
  if (!info) return false;
  const key = readSpki(spki);
  const rsa = info.family === "rsa-pss" || info.family === "rsa-pkcs1";
  if (rsa !== (key.kind === "rsa")) return false;
  if (key.kind === "ec" && key.curve !== info.family) return false;
  let bare: Uint8Array;
  try {
    bare = bareSignature(info.der, rsa, signature);
  } catch {
    return false;
  }
  try {
    switch (info.family) {
      case "p256": {
        if (bare.length !== 64) return false;
        const k = await crypto.subtle.importKey("spki", spkiOf(key), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
        return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, k, bare, data);
      }
      case "secp256k1": {
        if (bare.length !== 64 || key.kind !== "ec") return false;
        // noble hashes with SHA-256 itself (prehash); lowS off: authenticators do not normalise s.
        return secp256k1.verify(bare, data, key.point, { prehash: true, lowS: false, format: "compact" });
      }
      case "rsa-pss":
      case "rsa-pkcs1": {
        if (key.kind !== "rsa" || bare.length !== key.modulus.length) return false;
        const name = info.family === "rsa-pss" ? "RSA-PSS" : "RSASSA-PKCS1-v1_5";
        const k = await crypto.subtle.importKey("spki", spkiOf(key), { name, hash: "SHA-256" }, false, ["verify"]);
        return await crypto.subtle.verify(info.family === "rsa-pss" ? { name, saltLength: 32 } : { name }, k, bare, data);
      }
    }
  } catch {
    // WebCrypto refuses a point off the curve at import; noble throws on bad points: not a valid signature.
    return false;
  }
}

/** Whether WebCrypto / noble accept the key (a point on its curve, an RSA key WebCrypto imports). */
export async function isUsablePublicKey(spki: Uint8Array): Promise<boolean> {
  try {
    const key = readSpki(spki);
    if (key.kind === "ec" && key.curve === "secp256k1") {
      secp256k1.Point.fromBytes(key.point).assertValidity();
      return true;
    }
    const algorithm = key.kind === "ec" ? { name: "ECDSA", namedCurve: "P-256" } : { name: "RSA-PSS", hash: "SHA-256" };
    await crypto.subtle.importKey("spki", spkiOf(key), algorithm, false, ["verify"]);
    return true;
  } catch {
    return false;
  }
}
