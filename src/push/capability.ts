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
      secrets: { written: sealPolicy, shown: maskPolicy },
    },
  ],
  queues: { [PUSH_QUEUE_NAME]: consumePushBatch as never },
  errors: PUSH_ERRORS,
};
