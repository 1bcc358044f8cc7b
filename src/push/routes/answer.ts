import { requestScope } from "../../http/context";
import { defineRoute, jsonBody, jsonResponse } from "../../http/route";
import { answerPush } from "../answer";
import { AnswerParams, AnswerPush, Push } from "../schemas";

export const answerPushNotification = defineRoute(
  {
    method: "post",
    path: "/api/identity-store/stores/{storeName}/pushNotifications/{id}/answers",
    operationId: "answerPushNotification",
    errors: [1017, 1026, 1029, 1035, 1058, 1060, 1061, 1091, 1092, 1093, 1095, 1098, 1099, 1100, 1103, 1201, 1202, 1203, 1204, 1205, 1208, 2100, 2101, 2102, 2201],
    tags: ["Push"],
    summary: "The app's answer to a push: approve (signed) or decline",
    description:
      "Posted by the business's back end for its app. Approve: `fidoAuthenticationResponse` — the UAF AuthenticationResponse to the push's `fidoAuthenticationRequest`, whose TRANSACTION_CONTENT_HASH covers exactly the text the push showed (else 1103) — and, with number matching, `matchingNumber`, the number the user typed (compared in constant time; wrong or missing → 1203, a counted `appkey` failure that ends the push as FAILED). Verified like any appkey authentication (locking 2100/2101/2102, signature 1095, counter 1061, …; audit type Appkey with `appkeyInfo.pushId`); the signing appkey must be one the push went to (1208). Decline: `decline` {reason, text?} → DECLINED, audited. Exactly one of the two (else 1205). A push is answered once (1201 after that, or when SUPERSEDED), and only before it expires (1202, then EXPIRED). Another tenant's or store's push → 404/9002.",
    scope: "auth",
    request: { params: AnswerParams, body: jsonBody(AnswerPush) },
    responses: { 200: jsonResponse(Push, "The push, APPROVED or DECLINED.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const { storeName, id } = c.req.valid("param");
    return c.json(await answerPush(scope, c.var.summaries, storeName, id, c.req.valid("json")), 200);
  },
);
