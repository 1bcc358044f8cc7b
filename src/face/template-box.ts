import { decryptSecret, encryptSecret } from "../crypto/encrypt";
import type { Bindings } from "../env";
import { templateBytes, templateOf } from "./template";

const PURPOSE = "face-template";

/** Face templates at rest: AES-GCM, bound to the biometric's id. */
export function sealTemplate(env: Bindings, id: string, template: Float32Array): Promise<string> {
  return encryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, templateBytes(template), id);
}

export async function openTemplate(env: Bindings, row: { id: string; sealedTemplate: string }): Promise<Float32Array> {
  return templateOf(await decryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, row.sealedTemplate, row.id));
}
