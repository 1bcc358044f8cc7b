/* global document, window, location, fetch, navigator, sessionStorage, PublicKeyCredential, DOMException, URL */
// The passkey demo page: plain JavaScript, no build step, nothing loaded from other sites.
// Every step calls this origin's API with the pasted bearer token and logs the JSON it got.
"use strict";

(() => {
  const API = "/api/identity-store";
  const $ = (id) => document.getElementById(id);
  const fields = { token: $("token"), store: $("store"), extId: $("extId"), rpId: $("rpId"), policy: $("policy") };
  const status = $("status");
  const result = $("result");
  const log = $("log");
  const buttons = Array.from(document.querySelectorAll(".buttons button:not(.secondary)"));

  fields.rpId.value = location.hostname;

  // WebAuthn's relying party is a domain: at an IP address (http://127.0.0.1:8787) the browser
  // refuses every ceremony with a SecurityError, and the API refuses an IP as rpId. Say so, and
  // link the same page on localhost (a secure context over plain http, and a valid rpId).
  const atIpAddress = /^\[.*\]$|^\d+(\.\d+){3}$/.test(location.hostname);
  if (atIpAddress) {
    const here = new URL(location.href);
    here.hostname = "localhost";
    const notice = $("ip-notice");
    const link = document.createElement("a");
    link.href = here.href;
    link.textContent = here.href;
    notice.append(
      `Passkeys need a domain name: this page was opened at the IP address ${location.hostname}, and WebAuthn has no relying party at an IP address (the browser would refuse with a SecurityError). Open it on localhost instead: `,
      link,
    );
    notice.hidden = false;
  }
  try {
    fields.token.value = sessionStorage.getItem("identity-store-demo-token") || "";
  } catch {
    /* storage may be unavailable */
  }
  fields.token.addEventListener("change", () => {
    try {
      sessionStorage.setItem("identity-store-demo-token", fields.token.value.trim());
    } catch {
      /* ignore */
    }
  });

  /** An API or ceremony failure, with the response it came from. */
  class StepError extends Error {
    constructor(message, details) {
      super(message);
      this.details = details;
    }
  }

  const value = (name) => {
    const text = fields[name].value.trim();
    if (!text) throw new StepError(`Fill in "${fields[name].closest("label").firstChild.textContent.trim()}".`);
    return text;
  };
  const seg = (text) => encodeURIComponent(text);

  function setStatus(state, step, message) {
    status.dataset.state = state;
    status.dataset.step = step;
    status.textContent = message;
  }

  function show(title, data) {
    const text = typeof data === "string" ? data : JSON.stringify(data, null, 2);
    log.textContent += `── ${new Date().toISOString()}  ${title}\n${text}\n\n`;
    log.scrollTop = log.scrollHeight;
  }

  /** Calls the API; returns `{ status, body }`. Non-2xx answers throw unless listed in `accept`. */
  async function api(method, path, body, accept = []) {
    const headers = { authorization: `Bearer ${value("token")}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    show(`${method} ${path} → ${response.status}`, parsed ?? "(no body)");
    if (!response.ok && !accept.includes(response.status)) {
      const message = parsed && typeof parsed === "object" && parsed.message ? `${parsed.code}: ${parsed.message}` : `HTTP ${response.status}`;
      throw new StepError(`${method} ${path} failed (${response.status}) — ${message}`, parsed);
    }
    return { status: response.status, body: parsed };
  }

  const storePath = () => `/stores/${seg(value("store"))}`;

  /** The user's internal id, from its external id; creates the user when there is none. */
  async function userId() {
    const extId = value("extId");
    const found = await api("GET", `${storePath()}/users/${seg(extId)}/ext`, undefined, [404]);
    if (found.status === 200) return found.body.id;
    const created = await api("POST", `${storePath()}/users`, { extId });
    return created.body.id;
  }

  function requireWebAuthn() {
    if (!window.PublicKeyCredential || typeof PublicKeyCredential.parseCreationOptionsFromJSON !== "function") {
      throw new StepError("This browser lacks WebAuthn's JSON helpers (PublicKeyCredential.parseCreationOptionsFromJSON); use a current Chromium, Chrome, Edge, Firefox or Safari.");
    }
    if (!window.isSecureContext) throw new StepError("WebAuthn needs a secure context: https, or http://localhost.");
  }

  /** What to tell the server when the browser's ceremony failed. */
  function failureReason(error) {
    if (error instanceof DOMException && error.name === "NotAllowedError") return "CANCELLED";
    if (error instanceof DOMException && error.name === "TimeoutError") return "TIMEOUT";
    return "FAILED";
  }

  async function clientCeremony(kind, sessionPath, run) {
    try {
      return await run();
    } catch (error) {
      const reason = failureReason(error);
      show(`browser: ${kind} failed`, `${error && error.name}: ${error && error.message}`);
      // Let the server close the session and audit the failure; its answer is logged.
      await api("POST", sessionPath, { failure: { reason } }, [400, 404, 409]).catch(() => {});
      throw new StepError(`The browser's ${kind} ceremony failed: ${error && error.name} (${reason}).`);
    }
  }

  const steps = {
    async setup() {
      const store = value("store");
      const created = await api("POST", "/stores", { name: store, description: "Passkeys demo" }, [409]);
      const config = {
        rpId: location.hostname,
        rpName: "Identity Store demo",
        restrictedOrigins: [location.origin],
        sessionManagement: "INTERNAL",
        registrationPolicies: {
          [value("policy")]: { userVerification: "required", residentKey: "required", attestation: "none", timeoutSec: 300 },
        },
        authenticationPolicies: { [value("policy")]: { userVerification: "required", timeoutSec: 300 } },
      };
      const made = await api("POST", `${storePath()}/passkeyConfig`, config, [409]);
      if (made.status === 409) {
        // Already configured: make sure this origin and the policies are in it.
        const current = await api("GET", `${storePath()}/passkeyConfig/${seg(location.hostname)}`);
        const origins = Array.from(new Set([...(current.body.restrictedOrigins || []), location.origin]));
        const patch = { ...config, restrictedOrigins: origins };
        delete patch.rpId;
        await api("POST", `${storePath()}/passkeyConfig/${seg(location.hostname)}`, patch);
      }
      return { store: created.status === 201 ? created.body : `store "${store}" already existed`, rpId: location.hostname, origin: location.origin };
    },

    async register() {
      requireWebAuthn();
      const id = await userId();
      const extId = value("extId");
      const start = await api("POST", `${storePath()}/users/${seg(id)}/passkeys/relyingParties/${seg(value("rpId"))}/registrations/${seg(value("policy"))}`, {
        userName: extId,
        displayName: extId,
      });
      const sessionPath = `${storePath()}/passkeys/registrations/sessions/${seg(start.body.sessionId)}`;
      const credential = await clientCeremony("registration", sessionPath, async () => {
        const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(start.body.publicKey);
        return navigator.credentials.create({ publicKey });
      });
      const response = credential.toJSON();
      show("browser: navigator.credentials.create", response);
      const done = await api("POST", sessionPath, { response, name: `Demo passkey (${navigator.platform || "browser"})` });
      return done.body;
    },

    async signin() {
      requireWebAuthn();
      const id = await userId();
      const start = await api("POST", `${storePath()}/users/${seg(id)}/passkeys/relyingParties/${seg(value("rpId"))}/authentications/${seg(value("policy"))}`, {});
      return authenticate(start.body);
    },

    async "signin-usernameless"() {
      requireWebAuthn();
      const start = await api("POST", `${storePath()}/passkeys/relyingParties/${seg(value("rpId"))}/authentications/${seg(value("policy"))}`, {});
      return authenticate(start.body);
    },
  };

  async function authenticate(start) {
    const sessionPath = `${storePath()}/passkeys/authentications/sessions/${seg(start.sessionId)}`;
    const credential = await clientCeremony("authentication", sessionPath, async () => {
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(start.publicKey);
      return navigator.credentials.get({ publicKey });
    });
    const response = credential.toJSON();
    show("browser: navigator.credentials.get", response);
    const done = await api("POST", sessionPath, { response });
    return done.body;
  }

  const labels = {
    setup: "Setting up the demo store",
    register: "Registering a passkey",
    signin: "Signing in with the user's passkey",
    "signin-usernameless": "Signing in without a username",
  };

  async function run(step) {
    buttons.forEach((button) => (button.disabled = true));
    setStatus("busy", step, `${labels[step]}…`);
    try {
      const body = await steps[step]();
      result.textContent = JSON.stringify(body, null, 2);
      let message = `${labels[step]}: done.`;
      if (body && body.user && body.passkey) {
        message = `${labels[step]}: done — user ${body.user.extId ?? body.user.id}, passkey ${body.passkey.name ?? body.passkey.id}.`;
      }
      setStatus("ok", step, message);
    } catch (error) {
      result.textContent = JSON.stringify({ error: error.message, details: error.details ?? null }, null, 2);
      show(`${step} failed`, error.message);
      setStatus("error", step, error.message);
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  }

  if (atIpAddress) buttons.forEach((button) => (button.disabled = true));
  else for (const step of Object.keys(steps)) $(step).addEventListener("click", () => run(step));
  $("clear").addEventListener("click", () => {
    log.textContent = "";
    result.textContent = "";
    setStatus("idle", "", "Ready.");
  });
  document.getElementById("settings").addEventListener("submit", (event) => event.preventDefault());
})();
