import type { RouteEntry } from "../../http/route";
import { answerPushNotification } from "./answer";
import { getUserPush, listPushRelyingParties, listUserPushes } from "./read";
import { sendPushNotification } from "./send";

export const pushRoutes: RouteEntry[] = [...listPushRelyingParties, ...sendPushNotification, ...listUserPushes, ...getUserPush, ...answerPushNotification];
