import { exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import { TEST_JWT_SECRET } from "./secrets";

export const BASE = "https://is.test/api/identity-store";

export const ADMIN = "identity-store:admin";
export const AUTH = "identity-store:auth";

export async function token(options: { tenant?: string; scope?: string; expiresIn?: string } = {}): Promise<string> {
  return new SignJWT({ tenant: options.tenant ?? "tenant-a", scope: options.scope ?? ADMIN })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("test")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "10m")
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

export interface CallOptions {
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  tenant?: string;
  scope?: string;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the Worker the way a client would: over HTTP, JSON in and out. */
export async function api<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (!options.anonymous) headers["authorization"] ??= `Bearer ${await token({ tenant: options.tenant, scope: options.scope })}`;
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // non-JSON bodies are returned as text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

let counter = 0;
/** A store name unique within the test run (1–20 chars, letters, digits, hyphens). */
export function uniqueName(prefix = "s"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36).slice(-6)}${counter.toString(36)}`.slice(0, 20);
}

/** The D1 round trips the Worker reports for a response (`Server-Timing: d1;desc="<n>"…`). */
export function d1RoundTrips(response: ApiResponse): number {
  const match = /(?:^|,\s*)d1;desc="(\d+)"/.exec(response.headers.get("server-timing") ?? "");
  if (!match) throw new Error(`no d1 entry in Server-Timing: ${response.headers.get("server-timing")}`);
  return Number(match[1]);
}
