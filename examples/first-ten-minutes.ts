// The README's "first ten minutes", through the typed client: openapi-fetch with the types that
// `npm run openapi:types` generates from the served OpenAPI document (client/schema.d.ts).
// Creates a store and a user, registers a TOTP (writes its QR code as an SVG to open in a browser),
// completes the registration and authenticates with codes from Debian's oathtool, and reads the
// audit record of the authentication.
//
//   bash scripts/dev.sh            # in another terminal: the service on http://127.0.0.1:8787
//   npm run example                # BASE_URL, TOKEN, STORE, EXT_ID override the defaults
//
// test/e2e/first-ten-minutes.e2e.test.ts runs the same function against a fresh `wrangler dev`.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import createClient from "openapi-fetch";
import type { paths } from "../client/schema";

export type IdentityStore = ReturnType<typeof createClient<paths>>;

/** The typed client for one service and one bearer token. */
export function identityStore(baseUrl: string, token: string): IdentityStore {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
}

/** The TOTP code for `at` (Unix seconds) from Debian's oathtool, an independent generator. */
export function oathtool(secret: string, at: number): string {
  return execFileSync("oathtool", ["--totp", "--base32", `--now=@${at}`, secret], { encoding: "utf8" }).trim();
}

/** What an openapi-fetch call returned, or an Error naming the failed step and the API's answer. */
function expectOk<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${step}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

export interface FirstTenMinutes {
  store: string;
  extId: string;
  /** Where the TOTP's QR code is written (an SVG: open it in a browser and scan it with an authenticator app). */
  qrCodePath: string;
  log?: (line: string) => void;
}

export async function firstTenMinutes(api: IdentityStore, { store, extId, qrCodePath, log = () => {} }: FirstTenMinutes) {
  const created = await api.POST("/api/identity-store/stores", { body: { name: store, description: "First ten minutes" } });
  if (created.response.status === 409) log(`store "${store}" already exists`);
  else log(`created store "${expectOk("create the store", created).name}"`);

  const policy = await api.POST("/api/identity-store/stores/{storeName}/totpPolicy", { params: { path: { storeName: store } }, body: { name: "default" } as never });
  // (`as never`: the document marks fields with defaults as required in request bodies too; the Worker fills them in.)
  if (policy.response.status !== 409) expectOk("create the TOTP policy", policy);

  let user = (await api.GET("/api/identity-store/stores/{storeName}/users/{extId}/ext", { params: { path: { storeName: store, extId } } })).data;
  user ??= expectOk("create the user", await api.POST("/api/identity-store/stores/{storeName}/users", { params: { path: { storeName: store } }, body: { extId, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" } }));
  log(`user ${user.extId} has id ${user.id}`);
  const path = { storeName: store, userId: user.id, policyName: "default" };

  const registration = expectOk("start the TOTP registration", await api.POST("/api/identity-store/stores/{storeName}/users/{userId}/totps/registrations/{policyName}", { params: { path }, body: {} }));
  writeFileSync(qrCodePath, registration.qrCodeSvg);
  log(`TOTP registration started: QR code in ${qrCodePath} (${registration.uri.replace(/secret=[^&]+/, "secret=…")})`);

  // The previous time step's code completes the registration; the current one authenticates (each step is accepted once).
  const now = Math.floor(Date.now() / 1000);
  const completed = expectOk("complete the TOTP registration", await api.POST("/api/identity-store/stores/{storeName}/users/{userId}/totps/registrations/{policyName}/complete", { params: { path }, body: { code: oathtool(registration.secret, now - 30) } }));
  log(`TOTP ${completed.totp.id} is ${completed.totp.status}`);

  const authenticated = expectOk("authenticate with TOTP", await api.POST("/api/identity-store/stores/{storeName}/users/{userId}/totps/authentications/{policyName}", { params: { path }, body: { code: oathtool(registration.secret, now) } }));
  log(`authenticated: audit record ${authenticated.authenticationId}`);

  const audit = expectOk("read the audit record", await api.GET("/api/identity-store/stores/{storeName}/users/{userId}/authentications/{id}", { params: { path: { storeName: store, userId: user.id, id: authenticated.authenticationId } } }));
  log(`audit: ${audit.type} ${audit.event} ${audit.result} at ${audit.createdDtm}`);
  return { user, registration, completed, authenticated, audit };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:8787";
  let token = process.env.TOKEN;
  if (!token) {
    try {
      token = execFileSync(process.execPath, [new URL("../scripts/token.mjs", import.meta.url).pathname], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    } catch {
      process.exit(1);
    }
  }
  const qrCodePath = join(tmpdir(), "identity-store-totp-qr.svg");
  try {
    await firstTenMinutes(identityStore(baseUrl, token), { store: process.env.STORE ?? "retail", extId: process.env.EXT_ID ?? `customer-${Date.now().toString(36)}`, qrCodePath, log: (line) => console.log(line) });
    console.log(`done — open ${baseUrl.replace("127.0.0.1", "localhost")}/docs for the rest of the API`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "ECONNREFUSED") console.error(`Nothing answers at ${baseUrl}: start the service first (bash scripts/dev.sh).`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
