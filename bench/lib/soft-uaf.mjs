// A software FIDO UAF 1.1 authenticator for the load generator: P-256 keys from node:crypto, the
// UAFV1TLV assertions built byte by byte, signing synchronously (algorithm 0x0002, DER) so it can
// run inside autocannon's setupRequest.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

const sha256 = (data) => createHash("sha256").update(data).digest();
const le16 = (n) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const le32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
/** tag u16 LE | length u16 LE | value. */
const tlv = (tag, ...values) => {
  const value = Buffer.concat(values);
  return Buffer.concat([le16(tag), le16(value.length), value]);
};

const T = { REG: 0x3e01, AUTH: 0x3e02, KRD: 0x3e03, SIGNED: 0x3e04, SIG: 0x2e06, SURROGATE: 0x3e08, KEYID: 0x2e09, FC: 0x2e0a, AAID: 0x2e0b, PUB: 0x2e0c, COUNTERS: 0x2e0d, INFO: 0x2e0e, NONCE: 0x2e0f, TC: 0x2e10 };
const AAID = Buffer.from("FFFF#BE01");

export class SoftUaf {
  constructor(facetID) {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.publicKey = Buffer.concat([Buffer.from([0x04]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]);
    this.keyId = randomBytes(32);
    this.counter = 0;
    this.facetID = facetID;
  }

  #fcParams(request) {
    return Buffer.from(JSON.stringify({ appID: request.header.appID, challenge: request.challenge, facetID: this.facetID, channelBinding: {} })).toString("base64url");
  }

  #message(op, request, fcParams, assertion) {
    const header = { upv: { major: 1, minor: 1 }, op, appID: request.header.appID };
    return JSON.stringify([{ header, fcParams, assertions: [{ assertionScheme: "UAFV1TLV", assertion: assertion.toString("base64url") }] }]);
  }

  /** The RegistrationResponse (JSON string) for a fidoRegistrationRequest, basic surrogate attestation. */
  register(requestJson) {
    const [request] = JSON.parse(requestJson);
    const fcParams = this.#fcParams(request);
    const krd = tlv(
      T.KRD,
      tlv(T.AAID, AAID),
      tlv(T.INFO, le16(1), Buffer.from([1]), le16(0x0002), le16(0x0100)),
      tlv(T.FC, sha256(fcParams)),
      tlv(T.KEYID, this.keyId),
      tlv(T.COUNTERS, le32(this.counter), le32(0)),
      tlv(T.PUB, this.publicKey),
    );
    const signature = sign("sha256", krd, { key: this.privateKey, dsaEncoding: "der" });
    return this.#message("Reg", request, fcParams, tlv(T.REG, krd, tlv(T.SURROGATE, tlv(T.SIG, signature))));
  }

  /** The AuthenticationResponse (JSON string) for a fidoAuthenticationRequest. */
  authenticate(requestJson) {
    const [request] = JSON.parse(requestJson);
    const fcParams = this.#fcParams(request);
    this.counter += 1;
    const signed = tlv(
      T.SIGNED,
      tlv(T.AAID, AAID),
      tlv(T.INFO, le16(1), Buffer.from([1]), le16(0x0002)),
      tlv(T.NONCE, randomBytes(8)),
      tlv(T.FC, sha256(fcParams)),
      tlv(T.TC, Buffer.alloc(0)),
      tlv(T.KEYID, this.keyId),
      tlv(T.COUNTERS, le32(this.counter)),
    );
    const signature = sign("sha256", signed, { key: this.privateKey, dsaEncoding: "der" });
    return this.#message("Auth", request, fcParams, tlv(T.AUTH, signed, tlv(T.SIG, signature)));
  }
}
