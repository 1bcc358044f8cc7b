import { isoCBOR } from "@simplewebauthn/server/helpers";
import { fromBase64Url, toBase64Url } from "../../src/crypto/encoding";

const encoder = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};
const sha256 = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", data));

/** WebCrypto's raw r‖s ECDSA signature → the DER form WebAuthn carries. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let body = bytes.slice(i);
    if (body[0]! & 0x80) body = concat(new Uint8Array([0]), body);
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const seq = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, seq.length]), seq);
}

export interface Flags {
  up?: boolean;
  uv?: boolean;
  be?: boolean;
  bs?: boolean;
}

function flagsByte({ up = true, uv = true, be = false, bs = false }: Flags, attested: boolean): number {
  return (up ? 0x01 : 0) | (uv ? 0x04 : 0) | (be ? 0x08 : 0) | (bs ? 0x10 : 0) | (attested ? 0x40 : 0);
}

export interface ClientDataOverrides {
  type?: string;
  challenge?: string;
  origin?: string;
  tokenBinding?: { status: string };
}

/** A software passkey: an ES256 key made with WebCrypto, producing real WebAuthn responses. */
export class SoftAuthenticator {
  counter = 0;
  userHandle: string | null = null;

  private constructor(
    private readonly keys: CryptoKeyPair,
    readonly credentialId: string,
    readonly aaguid: Uint8Array,
    readonly flags: Flags,
  ) {}

  static async create(options: { flags?: Flags; aaguid?: Uint8Array } = {}) {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    return new SoftAuthenticator(keys, toBase64Url(crypto.getRandomValues(new Uint8Array(16))), options.aaguid ?? new Uint8Array(16), options.flags ?? {});
  }

  private async coseKey(): Promise<Uint8Array> {
    const jwk = (await crypto.subtle.exportKey("jwk", this.keys.publicKey)) as JsonWebKey;
    return isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, fromBase64Url(jwk.x!)], [-3, fromBase64Url(jwk.y!)]]) as never);
  }

  private clientData(type: string, challenge: string, origin: string, overrides: ClientDataOverrides) {
    return encoder.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false, ...overrides }));
  }

  private async sign(data: Uint8Array): Promise<Uint8Array> {
    return derSignature(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, this.keys.privateKey, data)));
  }

  /** navigator.credentials.create(), as RegistrationResponseJSON. */
  async register(
    options: { challenge: string; rp: { id?: string }; user: { id: string } },
    origin: string,
    extra: { format?: "none" | "packed"; flags?: Flags; clientData?: ClientDataOverrides } = {},
  ) {
    const rpId = options.rp.id!;
    this.userHandle = options.user.id;
    const credentialId = fromBase64Url(this.credentialId);
    const authData = concat(
      await sha256(encoder.encode(rpId)),
      new Uint8Array([flagsByte({ ...this.flags, ...extra.flags }, true)]),
      new Uint8Array(4),
      this.aaguid,
      new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]),
      credentialId,
      await this.coseKey(),
    );
    const clientDataJSON = this.clientData("webauthn.create", options.challenge, origin, extra.clientData ?? {});
    const attStmt =
      extra.format === "packed" ? new Map<string, unknown>([["alg", -7], ["sig", await this.sign(concat(authData, await sha256(clientDataJSON)))]]) : new Map();
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", extra.format ?? "none"], ["attStmt", attStmt], ["authData", authData]]) as never);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      response: { clientDataJSON: toBase64Url(clientDataJSON), attestationObject: toBase64Url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** navigator.credentials.get(), as AuthenticationResponseJSON. */
  async assert(
    options: { challenge: string; rpId?: string },
    origin: string,
    extra: { counter?: number; flags?: Flags; clientData?: ClientDataOverrides; userHandle?: string | null; credentialId?: string } = {},
  ) {
    this.counter = extra.counter ?? this.counter + 1;
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, this.counter);
    const authData = concat(await sha256(encoder.encode(options.rpId!)), new Uint8Array([flagsByte({ ...this.flags, ...extra.flags }, false)]), counter);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, origin, extra.clientData ?? {});
    const signature = await this.sign(concat(authData, await sha256(clientDataJSON)));
    const userHandle = extra.userHandle === undefined ? this.userHandle : extra.userHandle;
    const id = extra.credentialId ?? this.credentialId;
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: toBase64Url(clientDataJSON),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(signature),
        ...(userHandle ? { userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}
