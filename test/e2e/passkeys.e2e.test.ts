// End to end: Debian's Chromium (driven by playwright-core) with a CDP virtual authenticator
// registers a passkey and signs in with it through the demo page (GET /demo/passkeys), against
// a fresh `wrangler dev`. Runs in Node: `npx vitest run -c vitest.e2e.config.ts`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer } from "../../bench/lib/server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Debian's package `chromium` (apt-get install chromium); `CHROMIUM` overrides the path. */
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const STORE = "demo";
const EXT_ID = "alice";
const STEP_TIMEOUT_MS = 45_000;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let token: string;
const tenant = `e2e-${Date.now().toString(36)}`;
const pageProblems: string[] = [];

/** Calls the API from Node with the test's token. */
async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}/api/identity-store${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Clicks a demo-page button and waits until its step ends; returns the page's result JSON. */
async function runStep(button: string): Promise<any> {
  await page.click(`#${button}`);
  await page.waitForFunction(
    (step) => {
      const status = document.getElementById("status")!;
      return status.dataset.step === step && (status.dataset.state === "ok" || status.dataset.state === "error");
    },
    button,
    { timeout: STEP_TIMEOUT_MS },
  );
  const state = await page.getAttribute("#status", "data-state");
  const message = await page.textContent("#status");
  if (state !== "ok") {
    const log = (await page.textContent("#log")) ?? "";
    throw new Error(`demo step "${button}" failed: ${message}\n--- page log (tail) ---\n${log.slice(-6000)}\n--- wrangler log (tail) ---\n${readFileSync(server.logPath, "utf8").split("\n").slice(-30).join("\n")}`);
  }
  return JSON.parse((await page.textContent("#result")) ?? "null");
}

const base64ToBase64url = (value: string) => value.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function authenticatorCredentials(): Promise<any[]> {
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  return credentials;
}

beforeAll(async () => {
  // No silent skip: without Chromium this suite fails.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM.`);

  const started = await startServer({ root: ROOT });
  process.on("exit", () => started.killNow());
  // The page is opened on localhost: the WebAuthn rpId, and a secure context over http.
  server = { ...started, baseUrl: started.baseUrl.replace("127.0.0.1", "localhost"), stop: () => started.stop() };
  token = await new SignJWT({ tenant, scope: "identity-store:admin identity-store:auth" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("e2e")
    .setIssuedAt()
    .setExpirationTime("30m")
    .sign(new TextEncoder().encode(server.secrets.AUTH_JWT_SECRET));

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const context = await browser.newContext();
  page = await context.newPage();
  page.on("pageerror", (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // Chromium reports every 4xx answer as "Failed to load resource"; the page expects some (404 for an unknown user).
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageProblems.push(`console.error: ${message.text()}`);
  });
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as any).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  ({ authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
}, 30_000);

describe("passkeys end to end (Chromium, virtual authenticator, wrangler dev)", () => {
  test("the demo page is served with a strict CSP", async () => {
    const response = await fetch(`${server.baseUrl}/demo/passkeys`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers

    const script = await fetch(`${server.baseUrl}/demo/passkeys/demo.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    await script.body?.cancel();
    const redirect = await fetch(`${server.baseUrl}/demo/passkeys/`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toMatch(/\/demo\/passkeys$/);

    await page.goto(`${server.baseUrl}/demo/passkeys`);
    await page.waitForFunction(() => (document.getElementById("rpId") as HTMLInputElement).value !== "");
    expect(await page.inputValue("#rpId")).toBe("localhost");
    expect(await page.evaluate(() => typeof PublicKeyCredential.parseCreationOptionsFromJSON)).toBe("function");
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
  }, 60_000);

  test("sets up the demo store and its relying party", async () => {
    await page.fill("#token", token);
    await page.fill("#store", STORE);
    await page.fill("#extId", EXT_ID);
    await runStep("setup");

    const store = await api("GET", `/stores/${STORE}`);
    expect(store.status).toBe(200);
    const config = store.body.configuration.passkeyConfigs.localhost;
    expect(config.restrictedOrigins).toEqual([server.baseUrl]);
    expect(Object.keys(config.registrationPolicies)).toContain("default");
  }, 60_000);

  test("registers a passkey", async () => {
    const result = await runStep("register");
    expect(result.user.extId).toBe(EXT_ID);
    expect(result.passkey).toMatchObject({ rpId: "localhost", status: "ACTIVE", userVerified: true });

    const [credential, ...others] = await authenticatorCredentials();
    expect(others).toHaveLength(0);
    expect(credential.isResidentCredential).toBe(true);
    expect(credential.rpId).toBe("localhost");
    expect(result.passkey.credentialId).toBe(base64ToBase64url(credential.credentialId));
    // The stored user handle is the one the authenticator keeps for usernameless sign-in.
    expect(result.passkey.userHandle).toBe(base64ToBase64url(credential.userHandle));

    const user = await api("GET", `/stores/${STORE}/users/${EXT_ID}/ext`);
    expect(user.status).toBe(200);
    expect(user.body.summaryInfo.passkeys).toHaveLength(1);
    const passkeys = await api("GET", `/stores/${STORE}/users/${result.user.id}/passkeys`);
    expect(passkeys.status).toBe(200);
    expect(passkeys.body.map((p: any) => p.id)).toEqual([result.passkey.id]);
  }, 60_000);

  test("signs in with the user's passkey", async () => {
    const result = await runStep("signin");
    expect(result.user.extId).toBe(EXT_ID);
    expect(result.passkey.credentialId).toBe(base64ToBase64url((await authenticatorCredentials())[0].credentialId));
    expect(result.authenticationId).toEqual(expect.any(String));

    const audit = await api("GET", `/stores/${STORE}/users/${result.user.id}/authentications/${result.authenticationId}`);
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({ type: "Passkey", result: "SUCCESS", event: "AUTHENTICATION" });
  }, 60_000);

  test("signs in without a username (discoverable credential)", async () => {
    const result = await runStep("signin-usernameless");
    expect(result.user.extId).toBe(EXT_ID);
    expect(result.authenticationId).toEqual(expect.any(String));

    const audits = await api("GET", `/stores/${STORE}/users/${result.user.id}/authentications?type=Passkey&result=SUCCESS`);
    expect(audits.status).toBe(200);
    expect(audits.body.content.map((a: any) => a.id)).toContain(result.authenticationId);
    expect(audits.body.content.length).toBeGreaterThanOrEqual(2);
    expect(audits.body.content.every((a: any) => a.type === "Passkey" && a.result === "SUCCESS")).toBe(true);

    const user = await api("GET", `/stores/${STORE}/users/${EXT_ID}/ext`);
    expect(user.body.summaryInfo.passkeys).toHaveLength(1);
  }, 60_000);

  test("a ceremony the authenticator refuses is reported to the server and audited", async () => {
    // Without user verification the authenticator refuses a "required" request (NotAllowedError);
    // the page then closes the session with { failure: { reason: "CANCELLED" } }.
    await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false });
    try {
      await expect(runStep("signin")).rejects.toThrow(/demo step "signin" failed: The browser's authentication ceremony failed: NotAllowedError/);
    } finally {
      await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: true });
    }
    const user = await api("GET", `/stores/${STORE}/users/${EXT_ID}/ext`);
    const failures = await api("GET", `/stores/${STORE}/users/${user.body.id}/authentications?type=Passkey&result=FAILURE`);
    expect(failures.status).toBe(200);
    expect(failures.body.content).toHaveLength(1);

    // And the passkey still works afterwards.
    const result = await runStep("signin");
    expect(result.user.extId).toBe(EXT_ID);
    // The page ran every step under its CSP without errors.
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
    expect(pageProblems).toEqual([]);
  }, 60_000);
});
