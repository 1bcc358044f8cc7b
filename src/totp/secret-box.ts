import { decryptSecret, encryptSecret } from "../crypto/encrypt";
import type { Bindings } from "../env";
import type { TotpRow } from "./storage";

const PURPOSE = "totp-secret";

/** TOTP secrets at rest: AES-GCM under a key derived for this purpose, bound to the TOTP's id. */
export function sealTotpSecret(env: Bindings, totpId: string, secret: Uint8Array): Promise<string> {
  return encryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, secret, totpId);
}

export function openTotpSecret(env: Bindings, row: TotpRow): Promise<Uint8Array> {
  return decryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, row.sealedSecret, row.id);
}
