// A fake FCM for the tests: Google's OAuth 2.0 token endpoint for service accounts (JWT-bearer
// grant, RFC 7523) and FCM HTTP v1 `messages:send`. The token endpoint verifies the RS256 assertion
// with jose against the public key registered for the service account and issues opaque access
// tokens; the send endpoint takes only those, checks the message and answers with FCM's codes.
//
//   POST /token                                   grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…
//   POST /v1/projects/<projectId>/messages:send   { message: { token, data, notification, android } }
//   POST /_control/keys             { clientEmail, publicKey: JWK | SPKI PEM, expiresIn?: seconds (3600) }
//   POST /_control/answers          { token, answers: [503, 404, { status: 429, retryAfter: 1 }, { delayMs: 2000 }] }
//   GET  /_control/deliveries?token=…          the send requests that passed authentication
//   GET  /_control/rejections?clientEmail=…    refused assertions and access tokens, with why
//   GET  /_control/counters?clientEmail=…      { grants: access tokens issued }
import { randomUUID } from "node:crypto";
import { decodeJwt, jwtVerify } from "jose";
import { AnswerScripts, importPublicKey, Journal, json, jsonServer, runWhenMain } from "./fake-peer.mjs";

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

/** FCM's error bodies (google.rpc.Status with an FcmError), by status. */
function fcmError(status) {
  const error = (message, rpcStatus, errorCode, extra = []) => ({
    error: { code: status, message, status: rpcStatus, details: [{ "@type": FCM_ERROR, errorCode }, ...extra] },
  });
  switch (status) {
    case 400:
      return error("The registration token is not a valid FCM registration token", "INVALID_ARGUMENT", "INVALID_ARGUMENT", [
        { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "message.token", description: "Invalid registration token" }] },
      ]);
    case 401:
      return { error: { code: 401, message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", status: "UNAUTHENTICATED" } };
    case 404:
      return error("Requested entity was not found.", "NOT_FOUND", "UNREGISTERED");
    case 429:
      return error("Quota exceeded for quota metric 'Messages' of service 'fcm.googleapis.com'.", "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED");
    case 503:
      return error("The service is currently unavailable.", "UNAVAILABLE", "UNAVAILABLE");
    default:
      return error("Internal error encountered.", "INTERNAL", "INTERNAL");
  }
}

/** A send that FCM refuses as malformed: 400 INVALID_ARGUMENT naming the field. */
const invalidArgument = (field, description) => ({
  status: 400,
  body: { error: { code: 400, message: `Invalid value at '${field}': ${description}`, status: "INVALID_ARGUMENT", details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description }] }] } },
});

export function createFakeFcm() {
  /** clientEmail → { key, expiresIn, grants } */
  const accounts = new Map();
  /** access token → { clientEmail, expiresAt } */
  const issued = new Map();
  const scripts = new AnswerScripts();
  const deliveries = new Journal();
  const rejections = new Journal();

  async function grant(req, text) {
    const form = new URLSearchParams(text);
    const refuse = (clientEmail, error, description, detail = description) => {
      rejections.add(clientEmail ?? "?", { endpoint: "token", status: 400, error, detail, receivedAt: Date.now() });
      return { status: 400, body: { error, error_description: description } };
    };
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return refuse(undefined, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
    let claims;
    try {
      claims = decodeJwt(form.get("assertion") ?? "");
    } catch (error) {
      return refuse(undefined, "invalid_request", "Invalid JWT assertion.", error.message);
    }
    const account = accounts.get(claims.iss);
    if (!account) return refuse(claims.iss, "invalid_grant", "Invalid grant: account not found");
    try {
      // The audience is this endpoint's own URL, as Google requires of its token URL.
      await jwtVerify(form.get("assertion"), account.key, { algorithms: ["RS256"], issuer: claims.iss, audience: `http://${req.headers.host}/token` });
    } catch (error) {
      return refuse(claims.iss, "invalid_grant", "Invalid JWT Signature.", `${error.code ?? "verification failed"}: ${error.message}`);
    }
    const nowSec = Date.now() / 1000;
    if (typeof claims.iat !== "number" || typeof claims.exp !== "number" || claims.exp - claims.iat > 3600 || claims.iat > nowSec + 60) {
      return refuse(claims.iss, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
    }
    if (!String(claims.scope ?? "").split(" ").includes(SCOPE)) return refuse(claims.iss, "invalid_scope", `the scope does not include ${SCOPE}`);
    const accessToken = `ya29.fake-${randomUUID()}`;
    issued.set(accessToken, { clientEmail: claims.iss, expiresAt: Date.now() + account.expiresIn * 1000 });
    account.grants += 1;
    return { status: 200, body: { access_token: accessToken, expires_in: account.expiresIn, token_type: "Bearer" } };
  }

  /** Why FCM would refuse the message (the spec's fields: data values are strings), or nothing. */
  function malformed(message) {
    if (typeof message?.token !== "string" || !message.token) return invalidArgument("message.token", "a registration token is required");
    if (!/^\d+(\.\d{1,9})?s$/.test(message.android?.ttl ?? "")) return invalidArgument("message.android.ttl", "a duration in seconds like \"120s\" is required");
    const data = message.data;
    if (typeof data !== "object" || data === null || !Object.values(data).every((value) => typeof value === "string")) return invalidArgument("message.data", "values must be strings");
    for (const field of ["pushId", "rpId", "fidoAuthenticationRequest"]) if (!(field in data)) return invalidArgument(`message.data.${field}`, "missing");
    if (typeof message.notification?.title !== "string" || typeof message.notification?.body !== "string") return invalidArgument("message.notification", "title and body are required");
    return undefined;
  }

  function send(req, projectId, text) {
    const receivedAt = Date.now();
    const accessToken = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const session = issued.get(accessToken);
    if (!session || session.expiresAt <= receivedAt) {
      rejections.add(session?.clientEmail ?? "?", { endpoint: "send", status: 401, detail: session ? "access token expired" : "not an access token this fake issued", receivedAt });
      return { status: 401, body: fcmError(401) };
    }
    const body = json(text);
    const invalid = malformed(body?.message);
    const answer = invalid ?? scripts.next(body.message.token);
    deliveries.add(body?.message?.token ?? "?", { projectId, clientEmail: session.clientEmail, headers: { "content-type": req.headers["content-type"] }, body: body ?? text, status: answer.status, receivedAt });
    if (invalid) return invalid;
    if (answer.status === 401) issued.delete(accessToken); // a scripted 401 revokes the token, as a real one would stay refused
    if (answer.status === 200) return { status: 200, body: { name: `projects/${projectId}/messages/0:${randomUUID()}` }, delayMs: answer.delayMs };
    return { status: answer.status, body: fcmError(answer.status), headers: answer.retryAfter !== undefined ? { "retry-after": String(answer.retryAfter) } : {}, delayMs: answer.delayMs };
  }

  async function control(req, url, text) {
    const q = url.searchParams;
    switch (`${req.method} ${url.pathname}`) {
      case "POST /_control/keys": {
        const { clientEmail, publicKey, expiresIn } = json(text);
        accounts.set(clientEmail, { key: await importPublicKey(publicKey, "RS256"), expiresIn: expiresIn ?? 3600, grants: 0 });
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
        return { status: 200, body: rejections.list(q.get("clientEmail")) };
      case "GET /_control/counters":
        return { status: 200, body: { grants: accounts.get(q.get("clientEmail"))?.grants ?? 0 } };
      default:
        return { status: 404, body: { fakeError: "no such control endpoint" } };
    }
  }

  return jsonServer(async (req, url, text) => {
    if (url.pathname.startsWith("/_control/")) return control(req, url, text);
    if (req.method === "POST" && url.pathname === "/token") return grant(req, text);
    const project = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(url.pathname);
    if (req.method === "POST" && project) return send(req, decodeURIComponent(project[1]), text);
    return { status: 404, body: { error: { code: 404, message: "Not found.", status: "NOT_FOUND" } } };
  });
}

runWhenMain(import.meta.url, createFakeFcm);
