import { defineErrors } from "../http/errors";

/** The face capability's error codes. */
export const FACE_ERRORS = defineErrors({
  algorithmNotSupported: { code: 8, status: 400, message: "The matching algorithm is not supported." },
  biometricTypeNotSupported: { code: 2005, status: 400, message: "The biometric type is not supported (only face)." },
  biometricSubtypeNotSupported: { code: 2006, status: 400, message: "The biometric subtype is not supported (only FRONTAL)." },
  biometricDisabled: { code: 2103, status: 400, message: "The user's biometric is disabled." },
  faceImageMissing: { code: 20114, status: 400, message: "No image: send a base64 JPEG or PNG in `image`." },
  faceImageTypeNotSupported: { code: 20115, status: 400, message: "The image type is not supported (JPEG or PNG)." },
  faceTemplateFailed: { code: 20120, status: 400, message: "No face template could be made from the image." },
  faceMatchError: { code: 20121, status: 400, message: "The enrolled template cannot be compared (made by another model: re-enrol)." },
  faceNotEnrolled: { code: 20122, status: 400, message: "No face is enrolled for the user." },
  faceMatchingMissing: { code: 20123, status: 400, message: "`matching` is required." },
  faceAlgorithmMissing: { code: 20124, status: 400, message: "`matching.algorithm` is required." },
  faceThresholdInvalid: { code: 20125, status: 400, message: "`matching.threshold` must be a number in 0..1." },
  faceInternalThresholdInvalid: { code: 20126, status: 400, message: "`matching.internalThreshold` must be a number in 0..1." },
  faceNoMatch: { code: 20130, status: 400, message: "The face does not match the enrolled face." },
});
