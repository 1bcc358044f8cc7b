import { requestScope } from "../../http/context";
import { defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { userTarget } from "../../users/context";
import { SendParams, SendPush, SentPush } from "../schemas";
import { sendPush } from "../send";

export const sendPushNotification = defineUserRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/users/{userId}/pushNotifications/relyingParties/{rpId}",
    operationId: "sendPushNotification",
    errors: [1200, 1207, 2100, 2101, 2102, 2201, 9009],
    tags: ["Push"],
    summary: "Send a push to the user's devices for a relying party",
    description:
      "Creates the push and queues its delivery (APNs/FCM are reached off the request path). Targets: the user's preferred devices for the relying party when any are set, else every ACTIVE appkey with a push token on a platform the push policy configures (none → 1200). The push carries a UAF authentication request whose transaction is `transaction.content`, else `Sign in to <rpId>?`. With number matching the answer has `matchingNumber`: show it on the sign-in screen; it is returned only here. A pending push beyond `maxPendingPerUser` is SUPERSEDED. No push policy, appkey config or authentication policy → 400/2201; the user locked → 2100/2101/2102; push fatigue (too many pushes unanswered since the user last authenticated) → 429/9008 with Retry-After; a payload over 4 KiB → 1207; the queue unavailable → 503/9009.",
    scope: "auth",
    request: { params: SendParams, body: jsonBody(SendPush) },
    responses: { 201: jsonResponse(SentPush, "The push, with the matching number.") },
  },
  async (c) => {
    const scope = requestScope(c);
    return c.json(await sendPush(scope, c.var.summaries, userTarget(c), c.req.valid("param").rpId, c.req.valid("json")), 201);
  },
);
