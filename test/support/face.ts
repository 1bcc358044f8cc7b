import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { toBase64 } from "../../src/crypto/encoding";
import { api } from "./api";

/** A labelled photo from ../shared/face-images, as the base64 the API takes. */
export async function photo(name: string): Promise<string> {
  const identity = name.replace(/\d+$/, "");
  const res = await env.FACE_IMAGES.fetch(`http://images/${identity}/${name}.png`);
  expect(res.status, name).toBe(200);
  return toBase64(new Uint8Array(await res.arrayBuffer()));
}

export const MATCHING = { algorithm: "FACEAPI_128" };

export async function enrol(userPath: string, name: string, extra: object = {}) {
  return api("POST", `${userPath}/biometrics/face`, { body: { image: await photo(name), ...extra } });
}

export async function match(userPath: string, name: string, matching: object = MATCHING, extra: object = {}) {
  return api("POST", `${userPath}/biometrics/authentications/face`, { body: { image: await photo(name), matching, ...extra } });
}
