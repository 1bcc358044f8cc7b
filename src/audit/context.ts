import type { RequestMeta } from "../http/context";

/** The caller's context merged with where the request came from. */
export function auditContext(meta: RequestMeta, clientContext: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...clientContext, ip: meta.ip, userAgent: meta.userAgent };
}
