import { defineErrors } from "../http/errors";

/** The push capability's codes (ours, 1200–1299; the seeds name none for push). */
export const PUSH_ERRORS = defineErrors({
  noTarget: { code: 1200, status: 400, message: "The user has no device to push to for this relying party." },
  notPending: { code: 1201, status: 400, message: "The push was already answered, superseded or failed." },
  expired: { code: 1202, status: 400, message: "The push has expired." },
  wrongNumber: { code: 1203, status: 400, message: "The matching number is not the one shown on the sign-in screen." },
  noNumberExpected: { code: 1204, status: 400, message: "This push uses no number matching; send the answer without matchingNumber." },
  oneAnswer: { code: 1205, status: 400, message: "Send either fidoAuthenticationResponse (approve) or decline." },
  declined: { code: 1206, status: 400, message: "The user declined the push." },
  payloadTooLarge: { code: 1207, status: 400, message: "The push would exceed the 4096-byte payload APNs and FCM accept." },
  keyNotTargeted: { code: 1208, status: 400, message: "The appkey that signed is not one of the devices the push went to." },
});
