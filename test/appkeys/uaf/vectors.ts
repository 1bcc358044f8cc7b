import { env } from "cloudflare:workers";

/** ../shared/uaf-vectors/vectors.json, typed for the tests. */
export interface VectorAssertion {
  assertion: string;
  fcParams?: string;
  publicKeySpki?: string;
}
interface Vectors {
  specExample: { registration: VectorAssertion; authentication: VectorAssertion };
  dds: { registration: VectorAssertion; authentication: VectorAssertion };
  synaptics: { registration: VectorAssertion; authentication: VectorAssertion };
  ebayClient: { registration: VectorAssertion; authentication: VectorAssertion };
  raon: { registration: VectorAssertion; authentication: VectorAssertion };
  samsung: { registrations: string[] };
}

export const vectors = JSON.parse(env.UAF_VECTORS) as Vectors;
