import { decryptSecret, encryptSecret } from "../crypto/encrypt";
import type { Bindings } from "../env";
import { bytesOf, toBigInt } from "./srp/bigint";

const PURPOSE = "srp-verifier";

/** SRP verifiers at rest: AES-GCM under a key derived for this purpose, bound to the passcode id. */
export function sealVerifier(env: Bindings, passcodeId: string, v: bigint): Promise<string> {
  return encryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, bytesOf(v), passcodeId);
}

export async function openVerifier(env: Bindings, row: { id: string; sealedVerifier: string }): Promise<bigint> {
  return toBigInt(await decryptSecret(env.DATA_ENCRYPTION_KEY, PURPOSE, row.sealedVerifier, row.id));
}
