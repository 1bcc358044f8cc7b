import type { Capability } from "../capability";
import { RpId } from "../appkeys/policy";
import { consumePushBatch } from "./consumer";
import { maskPolicy, sealPolicy } from "./credentials";
import { PUSH_ERRORS } from "./errors";
import { PushNotificationPolicy } from "./policy";
import { PUSH_QUEUE_NAME } from "./queue";
import { pushRoutes } from "./routes";

/** Pushes to appkey devices. Approvals are appkey authentications: the `appkey` modality and audit type, no summary of its own. */
export const push: Capability = {
  name: "push",
  routes: pushRoutes,
  policyKinds: [
    {
      segment: "pushNotificationPolicy",
      configKey: "pushNotificationPolicies",
      keyField: "rpId",
      key: RpId,
      schema: PushNotificationPolicy,
      stored: PushNotificationPolicy,
      tag: "Push",
      secrets: { written: sealPolicy, shown: maskPolicy, errors: [2201] },
    },
  ],
  queues: { [PUSH_QUEUE_NAME]: consumePushBatch as never },
  errors: PUSH_ERRORS,
  tag: {
    name: "Push",
    description:
      "Push notifications to a user's appkey devices through APNs and FCM: a policy per appkey relying party, the send (with the number to show on the sign-in screen), and the app's answer — a UAF authentication signed over the shown text, with the number the user typed — or a decline.",
  },
};
