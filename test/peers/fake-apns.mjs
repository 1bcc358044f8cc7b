// A fake APNs for the tests (Apple: "Sending notification requests to APNs", "Establishing a
// token-based connection to APNs", "Handling notification responses from APNs"). It verifies the
// provider token with jose against the public key registered for (teamId, keyId), checks the
// headers and the payload, records each request and answers with Apple's status codes and reasons.
//
//   POST /3/device/<token>          a notification request
//   POST /_control/keys             { teamId, keyId, publicKey: JWK | SPKI PEM }
//   POST /_control/answers          { token, answers: [503, { status: 429, retryAfter: 1 }, { delayMs: 2000 }, 200] }
//   GET  /_control/deliveries?token=…            the requests that passed authentication
//   GET  /_control/rejections?teamId=…&keyId=…   the refused provider tokens, with why
//   GET  /_control/counters?teamId=…&keyId=…     { providerTokens: distinct tokens seen }
//
// Everything is kept per key or device token, so test files running at once do not see each other.
import { randomUUID } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { AnswerScripts, importPublicKey, Journal, json, jsonServer, runWhenMain } from "./fake-peer.mjs";

/** Apple: a provider token is refused after an hour, and may be replaced at most every 20 minutes. */
const TOKEN_MAX_AGE_SEC = 3600;
const TOKEN_UPDATE_INTERVAL_MS = 20 * 60_000;
const PUSH_TYPES = new Set(["alert", "background", "location", "voip", "complication", "fileprovider", "mdm", "liveactivity", "pushtotalk", "widgets"]);
const DEFAULT_REASONS = { 400: "BadDeviceToken", 403: "ExpiredProviderToken", 410: "Unregistered", 429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable" };

export function createFakeApns() {
  /** `${teamId}/${keyId}` → { key, tokens: Set, current: { jwt, since, refused } } */
  const keys = new Map();
  const scripts = new AnswerScripts();
  const deliveries = new Journal();
  const rejections = new Journal();

  const refuse = (keyId, detail, status, reason) => {
    rejections.add(keyId, { status, reason, detail, receivedAt: Date.now() });
    return { status, body: { reason } };
  };

  /** The provider token's key entry and claims, or the refusal Apple would send. */
  async function authenticate(authorization, receivedAt) {
    const jwt = /^bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    if (!jwt) return { refusal: refuse("?", "no bearer provider token", 403, "MissingProviderToken") };
    let header, claims;
    try {
      header = decodeProtectedHeader(jwt);
      claims = decodeJwt(jwt);
    } catch (error) {
      return { refusal: refuse("?", `not a JWT: ${error.message}`, 403, "InvalidProviderToken") };
    }
    const id = `${claims.iss}/${header.kid}`;
    const entry = keys.get(id);
    if (!entry) return { refusal: refuse(id, `no key registered for team ${claims.iss} and key ${header.kid}`, 403, "InvalidProviderToken") };
    entry.tokens.add(jwt);
    try {
      await jwtVerify(jwt, entry.key, { algorithms: ["ES256"], issuer: claims.iss });
    } catch (error) {
      return { refusal: refuse(id, `${error.code ?? "verification failed"}: ${error.message}`, 403, "InvalidProviderToken") };
    }
    const nowSec = receivedAt / 1000;
    if (typeof claims.iat !== "number") return { refusal: refuse(id, "no iat", 403, "InvalidProviderToken") };
    if (claims.iat > nowSec + 60) return { refusal: refuse(id, `iat ${claims.iat} is in the future`, 403, "InvalidProviderToken") };
    if (nowSec - claims.iat >= TOKEN_MAX_AGE_SEC) return { refusal: refuse(id, `iat ${claims.iat} is more than an hour old`, 403, "ExpiredProviderToken") };
    if (entry.current?.jwt !== jwt) {
      if (entry.current && !entry.current.refused && receivedAt - entry.current.since < TOKEN_UPDATE_INTERVAL_MS) {
        return { refusal: refuse(id, "a new provider token less than 20 minutes after the previous one", 429, "TooManyProviderTokenUpdates") };
      }
      entry.current = { jwt, since: receivedAt, refused: false };
    }
    return { entry, header, claims };
  }

  /** The headers and payload Apple requires of an alert (and our payload's fields); the reason when not. */
  function malformed(headers, text) {
    if (!headers["apns-topic"]) return { status: 400, reason: "MissingTopic" };
    if (!PUSH_TYPES.has(headers["apns-push-type"])) return { status: 400, reason: "InvalidPushType" };
    if (!/^\d+$/.test(headers["apns-expiration"] ?? "")) return { status: 400, reason: "BadExpirationDate" };
    if (!["1", "5", "10"].includes(headers["apns-priority"])) return { status: 400, reason: "BadPriority" };
    if (!text) return { status: 400, reason: "PayloadEmpty" };
    if (Buffer.byteLength(text) > 4096) return { status: 413, reason: "PayloadTooLarge" };
    const body = json(text);
    const alert = body?.aps?.alert;
    const strings = [alert?.title, alert?.body, body?.pushId, body?.rpId, body?.fidoAuthenticationRequest];
    // Stricter than Apple, which takes any JSON: the payload of 08-push.md.
    if (!strings.every((value) => typeof value === "string")) return { status: 400, reason: "BadPayload" };
    return undefined;
  }

  async function notify(req, deviceToken, text) {
    const receivedAt = Date.now();
    const { refusal, entry, header, claims } = await authenticate(req.headers.authorization, receivedAt);
    if (refusal) return refusal;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith("apns-") || name === "content-type"));
    const record = { headers, body: json(text) ?? text, jwtHeader: header, claims, receivedAt };
    const invalid = malformed(req.headers, text) ?? (/^[0-9a-f]{64,200}$/i.test(deviceToken) ? undefined : { status: 400, reason: "BadDeviceToken" });
    const answer = invalid ?? scripts.next(deviceToken);
    const reason = answer.status === 200 ? undefined : (answer.reason ?? DEFAULT_REASONS[answer.status] ?? "InternalServerError");
    deliveries.add(deviceToken, { ...record, status: answer.status, ...(reason && { reason }) });
    if (answer.status === 403 && (reason === "ExpiredProviderToken" || reason === "InvalidProviderToken")) entry.current.refused = true;
    if (answer.status === 200) return { status: 200, headers: { "apns-id": req.headers["apns-id"] ?? randomUUID() }, delayMs: answer.delayMs };
    return {
      status: answer.status,
      body: { reason, ...(answer.status === 410 && { timestamp: receivedAt }) },
      headers: answer.retryAfter !== undefined ? { "retry-after": String(answer.retryAfter) } : {},
      delayMs: answer.delayMs,
    };
  }

  async function control(req, url, text) {
    const q = url.searchParams;
    const id = `${q.get("teamId")}/${q.get("keyId")}`;
    switch (`${req.method} ${url.pathname}`) {
      case "POST /_control/keys": {
        const { teamId, keyId, publicKey } = json(text);
        keys.set(`${teamId}/${keyId}`, { key: await importPublicKey(publicKey, "ES256"), tokens: new Set() });
        return { status: 204 };
      }
      case "POST /_control/answers": {
        const { token, answers } = json(text);
        scripts.set(token, answers);
        return { status: 204 };
      }
      case "GET /_control/deliveries":
        return { status: 200, body: deliveries.list(q.get("token")) };
      case "GET /_control/rejections":
        return { status: 200, body: rejections.list(id) };
      case "GET /_control/counters":
        return { status: 200, body: { providerTokens: keys.get(id)?.tokens.size ?? 0 } };
      default:
        return { status: 404, body: { fakeError: "no such control endpoint" } };
    }
  }

  return jsonServer(async (req, url, text) => {
    if (url.pathname.startsWith("/_control/")) return control(req, url, text);
    const device = /^\/3\/device\/([^/]+)$/.exec(url.pathname);
    if (!device) return { status: 404, body: { reason: "BadPath" } };
    if (req.method !== "POST") return { status: 405, body: { reason: "MethodNotAllowed" } };
    return notify(req, decodeURIComponent(device[1]), text);
  });
}

runWhenMain(import.meta.url, createFakeApns);
