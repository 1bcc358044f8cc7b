import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import type { TotpAlgorithm } from "./hotp";

export interface EnrolmentLabel {
  issuer: string;
  username: string;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

export function newSecret(sizeBytes: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(sizeBytes));
}

/** What an authenticator app needs: the base32 secret, the otpauth:// URI and that URI as an SVG QR code. */
export function enrolmentMaterial(secret: Uint8Array, label: EnrolmentLabel) {
  const otp = new TOTP({
    issuer: label.issuer,
    label: label.username,
    secret: new Secret({ buffer: secret.slice().buffer }),
    algorithm: label.algorithm,
    digits: label.digits,
    period: label.period,
  });
  const uri = otp.toString();
  return { secret: otp.secret.base32, uri, qrCodeSvg: renderSVG(uri) };
}
