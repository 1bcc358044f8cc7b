/**
 * A software FIDO UAF 1.1 authenticator + client, written from the UAF 1.1 specifications
 * (Authenticator Commands §6.2 Register / §6.3 Sign, Protocol §3.4 / §3.5), for tests only.
 * It builds its TLVs byte by byte with its own writer (not the codec's), so it checks the codec
 * independently: P-256 keys via WebCrypto, signature 0x0002 (DER) over the whole KRD / SIGNED_DATA.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

const enc = new TextEncoder();

// Tags, from the UAF Authenticator Commands specification §5.
const T = {
  REG_ASSERTION: 0x3e01,
  AUTH_ASSERTION: 0x3e02,
  KRD: 0x3e03,
  SIGNED_DATA: 0x3e04,
  ATTESTATION_CERT: 0x2e05,
  SIGNATURE: 0x2e06,
  BASIC_FULL: 0x3e07,
  BASIC_SURROGATE: 0x3e08,
  KEYID: 0x2e09,
  FINAL_CHALLENGE: 0x2e0a,
  AAID: 0x2e0b,
  PUB_KEY: 0x2e0c,
  COUNTERS: 0x2e0d,
  ASSERTION_INFO: 0x2e0e,
  AUTHENTICATOR_NONCE: 0x2e0f,
  TRANSACTION_CONTENT_HASH: 0x2e10,
  EXTENSION: 0x3e11,
  EXTENSION_NON_CRITICAL: 0x3e12,
  EXTENSION_ID: 0x2e13,
  EXTENSION_DATA: 0x2e14,
} as const;
export const UAF_TAGS = T;

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** tag u16 LE | length u16 LE | value. */
export function tlv(tag: number, ...values: Uint8Array[]): Uint8Array {
  const value = cat(...values);
  return cat(new Uint8Array([tag & 0xff, tag >>> 8, value.length & 0xff, value.length >>> 8]), value);
}

const le16 = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff]);
const le32 = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
const sha256 = async (d: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", d));
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** WebCrypto's r‖s → ECDSA-Sig-Value DER (what algorithm 0x0002 carries). */
function toDer(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let body: Uint8Array = b.slice(i);
    if (body[0]! & 0x80) body = cat(new Uint8Array([0]), body);
    return cat(new Uint8Array([0x02, body.length]), body);
  };
  const seq = cat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return cat(new Uint8Array([0x30, seq.length]), seq);
}

async function sign(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return toDer(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, data)));
}

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const newKeyPair = () => crypto.subtle.generateKey(P256, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;

export interface TestCa {
  rootPem: string;
  root: x509.X509Certificate;
  /** Attestation leaf issued by an intermediate (chain = [leaf, intermediate]). */
  chain: Uint8Array[];
  attestationKey: CryptoKey;
}

/** A root CA → intermediate → attestation certificate, generated now, valid ±1 day (or as given). */
export async function createTestCa(options: { notBefore?: Date; notAfter?: Date; name?: string } = {}): Promise<TestCa> {
  const notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 86_400_000);
  const alg = { ...P256, hash: "SHA-256" };
  const name = options.name ?? "UAF Test";
  const rootKeys = await newKeyPair();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${name} Root`,
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const interKeys = await newKeyPair();
  const inter = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: `CN=${name} Intermediate`,
    issuer: root.subject,
    notBefore,
    notAfter,
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  const leafKeys = await newKeyPair();
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "03",
    subject: `CN=${name} Attestation`,
    issuer: inter.subject,
    notBefore,
    notAfter,
    publicKey: leafKeys.publicKey,
    signingKey: interKeys.privateKey,
    signingAlgorithm: alg,
  });
  return { rootPem: root.toString("pem"), root, chain: [new Uint8Array(leaf.rawData), new Uint8Array(inter.rawData)], attestationKey: leafKeys.privateKey };
}

export interface SoftUafOptions {
  aaid?: string;
  /** Basic full needs a CA; without one the authenticator attests basic surrogate. */
  ca?: TestCa;
  keyIdLength?: 32 | 36;
  /** "zero": a counter that stays 0 forever, like the vendor authenticators. */
  counter?: "zero" | "increment";
  /** Puts a non-critical extension inside SIGNED_DATA (vendor authenticators do). */
  nonCriticalExtension?: boolean;
  /** Puts a critical extension with this id into SIGNED_DATA. */
  criticalExtension?: string;
}

export interface ClientContext {
  appID: string;
  facetID: string;
  challenge: string;
  serverData?: string;
  /** Standard base64 with padding, as some real clients send. */
  paddedStandardBase64?: boolean;
}

interface Registration {
  keyId: Uint8Array;
  key: CryptoKeyPair;
  signCounter: number;
  appID: string;
}

export class SoftUafAuthenticator {
  readonly aaid: string;
  readonly registrations: Registration[] = [];
  private readonly options: SoftUafOptions;

  constructor(options: SoftUafOptions = {}) {
    this.options = options;
    this.aaid = options.aaid ?? "FFFF#FC01";
  }

  /** The fcParams a UAF client computes: base64url(JSON FinalChallengeParams) (Protocol §3.2.1). */
  static fcParams(ctx: ClientContext): string {
    const json = JSON.stringify({ appID: ctx.appID, challenge: ctx.challenge, facetID: ctx.facetID, channelBinding: {} });
    const bytes = enc.encode(json);
    if (!ctx.paddedStandardBase64) return b64url(bytes);
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }

  private nextCounter(reg: { signCounter: number }): number {
    if (this.options.counter === "increment") reg.signCounter += 1;
    return reg.signCounter;
  }

  private extensions(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.options.nonCriticalExtension) out.push(tlv(T.EXTENSION_NON_CRITICAL, tlv(T.EXTENSION_ID, enc.encode("vendor.example.deviceinfo")), tlv(T.EXTENSION_DATA, enc.encode("{\"model\":\"soft\"}"))));
    if (this.options.criticalExtension) out.push(tlv(T.EXTENSION, tlv(T.EXTENSION_ID, enc.encode(this.options.criticalExtension)), tlv(T.EXTENSION_DATA, new Uint8Array([1]))));
    return out;
  }

  /** Register command (Authenticator Commands §6.2.4): returns the TLV assertion bytes. */
  async registerAssertion(fcParams: string, appID: string): Promise<{ assertion: Uint8Array; keyId: Uint8Array; publicKey: Uint8Array }> {
    const key = await newKeyPair();
    const keyId = random(this.options.keyIdLength ?? 32);
    const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", key.publicKey)) as ArrayBuffer);
    const reg = { keyId, key, signCounter: 0, appID };
    this.registrations.push(reg);
    const counters = cat(le32(this.nextCounter(reg)), le32(0));
    // version 1, authenticationMode 1, signature 0x0002 (P-256 DER), public key 0x0100 (X9.62 raw).
    const info = cat(le16(1), new Uint8Array([1]), le16(0x0002), le16(0x0100));
    const krd = tlv(
      T.KRD,
      tlv(T.AAID, enc.encode(this.aaid)),
      tlv(T.ASSERTION_INFO, info),
      tlv(T.FINAL_CHALLENGE, await sha256(enc.encode(fcParams))),
      tlv(T.KEYID, keyId),
      tlv(T.COUNTERS, counters),
      tlv(T.PUB_KEY, publicKey),
    );
    const ca = this.options.ca;
    const attestation = ca
      ? tlv(T.BASIC_FULL, tlv(T.SIGNATURE, await sign(ca.attestationKey, krd)), ...ca.chain.map((c) => tlv(T.ATTESTATION_CERT, c)))
      : tlv(T.BASIC_SURROGATE, tlv(T.SIGNATURE, await sign(key.privateKey, krd)));
    return { assertion: tlv(T.REG_ASSERTION, krd, attestation), keyId, publicKey };
  }

  /** Sign command (Authenticator Commands §6.3.4). */
  async authAssertion(fcParams: string, transactionText?: string, registration = this.registrations.at(-1)): Promise<Uint8Array> {
    if (!registration) throw new Error("not registered");
    const mode = transactionText === undefined ? 1 : 2;
    const tcHash = transactionText === undefined ? new Uint8Array() : await sha256(enc.encode(transactionText));
    const signed = tlv(
      T.SIGNED_DATA,
      tlv(T.AAID, enc.encode(this.aaid)),
      tlv(T.ASSERTION_INFO, cat(le16(1), new Uint8Array([mode]), le16(0x0002))),
      tlv(T.AUTHENTICATOR_NONCE, random(8)),
      tlv(T.FINAL_CHALLENGE, await sha256(enc.encode(fcParams))),
      tlv(T.TRANSACTION_CONTENT_HASH, tcHash),
      tlv(T.KEYID, registration.keyId),
      tlv(T.COUNTERS, le32(this.nextCounter(registration))),
      ...this.extensions(),
    );
    return tlv(T.AUTH_ASSERTION, signed, tlv(T.SIGNATURE, await sign(registration.key.privateKey, signed)));
  }

  /** What a UAF client sends back for a Reg request: the response JSON string (Protocol §3.4.6). */
  async registrationResponse(ctx: ClientContext): Promise<{ response: string; fcParams: string; keyId: Uint8Array; publicKey: Uint8Array }> {
    const fcParams = SoftUafAuthenticator.fcParams(ctx);
    const { assertion, keyId, publicKey } = await this.registerAssertion(fcParams, ctx.appID);
    const header = { upv: { major: 1, minor: 1 }, op: "Reg", appID: ctx.appID, ...(ctx.serverData ? { serverData: ctx.serverData } : {}) };
    return { response: JSON.stringify([{ header, fcParams, assertions: [{ assertionScheme: "UAFV1TLV", assertion: b64url(assertion) }] }]), fcParams, keyId, publicKey };
  }

  /** The response JSON string for an Auth request (Protocol §3.5.7). */
  async authenticationResponse(ctx: ClientContext, transactionText?: string): Promise<{ response: string; fcParams: string }> {
    const fcParams = SoftUafAuthenticator.fcParams(ctx);
    const assertion = await this.authAssertion(fcParams, transactionText);
    const header = { upv: { major: 1, minor: 1 }, op: "Auth", appID: ctx.appID, ...(ctx.serverData ? { serverData: ctx.serverData } : {}) };
    return { response: JSON.stringify([{ header, fcParams, assertions: [{ assertionScheme: "UAFV1TLV", assertion: b64url(assertion) }] }]), fcParams };
  }

  /** Takes a UAF request JSON string, as a UAF client would, and answers it. */
  async answer(request: string, facetID: string): Promise<string> {
    const [req] = JSON.parse(request) as [{ header: { op: string; appID: string; serverData?: string }; challenge: string; transaction?: { content: string }[] }];
    const ctx = { appID: req.header.appID, facetID, challenge: req.challenge, serverData: req.header.serverData };
    if (req.header.op === "Reg") return (await this.registrationResponse(ctx)).response;
    const content = req.transaction?.[0]?.content;
    const text = content === undefined ? undefined : new TextDecoder().decode(Uint8Array.from(atob(content.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));
    return (await this.authenticationResponse(ctx, text)).response;
  }
}
