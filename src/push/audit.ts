import { appkeyAuditInfo } from "../appkeys/render";

type AuditInfo = { info: Record<string, unknown>; displayInfo: Record<string, unknown> };

/** `appkeyInfo` of an audit record about a push: the appkey's (when known) with the push's id. */
export function pushAuditInfo(pushId: string, rpId: string, base: AuditInfo = appkeyAuditInfo(undefined, rpId), extra: Record<string, unknown> = {}): AuditInfo {
  const info = { ...(base.info.appkeyInfo as object), pushId, ...extra };
  return { info: { appkeyInfo: info }, displayInfo: { appkeyAuditInfo: info } };
}
