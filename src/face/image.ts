import { fromBase64 } from "../crypto/encoding";
import { ApiError, ERRORS } from "../http/errors";
import { FACE_ERRORS } from "./errors";

/** A base64 JPEG or PNG from a request: 20114 when absent, 20115 when neither, 413 over the policy's size. */
export function decodeImage(image: string | undefined, maxBytes: number): { bytes: Uint8Array; contentType: "image/jpeg" | "image/png" } {
  if (!image) throw new ApiError(FACE_ERRORS.faceImageMissing);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(image.replace(/^data:image\/[a-z]+;base64,/, ""));
  } catch {
    throw new ApiError(FACE_ERRORS.faceImageTypeNotSupported, { message: "The image is not valid base64." });
  }
  if (bytes.length > maxBytes) throw new ApiError(ERRORS.tooLarge, { message: `The image is larger than the policy's ${maxBytes} bytes.` });
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { bytes, contentType: "image/jpeg" };
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { bytes, contentType: "image/png" };
  throw new ApiError(FACE_ERRORS.faceImageTypeNotSupported);
}
