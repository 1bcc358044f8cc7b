/** A push service's answer, read in full (an unread body would hold one of the Worker's few connections). */
export interface ServiceAnswer {
  status: number;
  /** The body as JSON, or null when it is empty or not JSON. */
  body: unknown;
  retryAfterSec?: number;
}

/** POSTs and reads the answer within `timeoutMs`; a network failure or a timeout is `{ error }`. */
export async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<ServiceAnswer | { error: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, body: parseJson(text), retryAfterSec: retryAfterSec(response.headers.get("retry-after")) };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return { error: name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `unreachable (${String(error)})` };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Retry-After in seconds, from either of its forms (delay-seconds or an HTTP date, RFC 9110 §10.2.3). */
function retryAfterSec(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
