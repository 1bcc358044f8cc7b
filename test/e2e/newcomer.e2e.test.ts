// A newcomer's first run, end to end against a fresh `wrangler dev`: the README's "first ten
// minutes" through the typed client (examples/first-ten-minutes.ts: openapi-fetch + the types
// generated from the served document), and /docs and the passkey demo page in Debian's Chromium —
// rendered (a screenshot each, in .e2e-screenshots/), without console errors, and without a
// single request leaving the page's origin.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer } from "../../bench/lib/server.mjs";
import { firstTenMinutes, identityStore } from "../../examples/first-ten-minutes";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = join(ROOT, ".e2e-screenshots");

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let token: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM.`);
  server = await startServer({ root: ROOT, name: "identity-store-newcomer" });
  process.on("exit", () => server.killNow());
  token = await new SignJWT({ tenant: `newcomer-${Date.now().toString(36)}`, scope: "identity-store:admin identity-store:auth" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("e2e")
    .setIssuedAt()
    .setExpirationTime("30m")
    .sign(new TextEncoder().encode(server.secrets.AUTH_JWT_SECRET));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
}, 30_000);

/** A fresh page that records console errors, page errors and every request to another origin. */
async function watchedPage(origin: string) {
  const page: Page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== origin) foreign.push(request.url());
  });
  return { page, problems, foreign };
}

describe("a newcomer's first run (wrangler dev, typed client, Chromium)", () => {
  test("the first ten minutes through the typed client: store, user, TOTP (oathtool), audit record", async () => {
    const lines: string[] = [];
    const result = await firstTenMinutes(identityStore(server.baseUrl, token), { store: "retail", extId: "customer-42", qrCodePath: join(tmpdir(), `newcomer-qr-${process.pid}.svg`), log: (line) => lines.push(line) });
    expect(result.registration.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(result.completed.totp.status).toBe("ACTIVE");
    expect(result.audit).toMatchObject({ id: result.authenticated.authenticationId, type: "TOTP", event: "AUTHENTICATION", result: "SUCCESS" });
    expect(lines.at(-1)).toMatch(/^audit: TOTP AUTHENTICATION SUCCESS/);
  });

  test("/docs renders every operation, Stores first, with no console error and no request off the origin", async () => {
    const origin = server.baseUrl;
    const { page, problems, foreign } = await watchedPage(origin);
    const doc = await (await fetch(`${origin}/api/identity-store/openapi.json`)).json();
    // Swagger UI shows an operation once under each of its tags.
    const operations = Object.values(doc.paths as Record<string, Record<string, { tags?: string[] }>>).reduce((n, ops) => n + Object.values(ops).reduce((m, op) => m + (op.tags?.length ?? 1), 0), 0);
    await page.goto(`${origin}/docs`);
    await page.waitForSelector(".opblock-tag", { timeout: 30_000 });
    // Swagger UI renders only the tags near the viewport: scroll through the page and collect what it shows.
    const tags: string[] = [];
    const shown = new Set<string>();
    for (let top = 0; top <= (await page.evaluate(() => document.body.scrollHeight)); top += 500) {
      await page.evaluate((y) => window.scrollTo(0, y), top);
      await page.waitForTimeout(150);
      for (const tag of await page.$$eval(".opblock-tag", (nodes) => nodes.map((n) => n.getAttribute("data-tag") ?? ""))) if (!tags.includes(tag)) tags.push(tag);
      for (const id of await page.$$eval(".opblock", (nodes) => nodes.map((n) => n.id))) shown.add(id);
    }
    expect(tags[0]).toBe("Stores");
    expect(tags).toEqual(doc.tags.map((t: { name: string }) => t.name));
    expect(shown.size).toBe(operations);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, "docs.png"), fullPage: false });
    const favicon = await fetch(`${origin}/favicon.ico`);
    expect(favicon.status).toBe(200);
    await favicon.body?.cancel();
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  }, 60_000);

  test("the passkey demo page on localhost renders without console errors or foreign requests", async () => {
    const origin = server.baseUrl.replace("127.0.0.1", "localhost");
    const { page, problems, foreign } = await watchedPage(origin);
    await page.goto(`${origin}/demo/passkeys`);
    await page.waitForFunction(() => (document.getElementById("rpId") as HTMLInputElement).value !== "");
    expect(await page.inputValue("#rpId")).toBe("localhost");
    expect(await page.isVisible("#ip-notice")).toBe(false);
    expect(await page.isEnabled("#register")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-passkeys.png"), fullPage: true });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  }, 60_000);

  test("the demo page at an IP address says why passkeys need localhost and links it", async () => {
    const origin = server.baseUrl;
    const { page, problems, foreign } = await watchedPage(origin);
    await page.goto(`${origin}/demo/passkeys`);
    await page.waitForSelector("#ip-notice:not([hidden])");
    expect(await page.textContent("#ip-notice")).toMatch(/IP address 127\.0\.0\.1.*WebAuthn/);
    expect(await page.getAttribute("#ip-notice a", "href")).toBe(`${origin.replace("127.0.0.1", "localhost")}/demo/passkeys`);
    expect(await page.isDisabled("#register")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-passkeys-at-ip.png"), fullPage: true });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    expect(readFileSync(server.logPath, "utf8")).not.toMatch(/ENOTFOUND|getaddrinfo/);
  }, 60_000);
});
