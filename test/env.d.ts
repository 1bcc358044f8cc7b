import type { D1Migration } from "cloudflare:test";
import type { Bindings } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[];
      /** ../shared/spec/seed-endpoints.txt: the endpoints the seeds name, one `METHOD path` a line. */
      SEED_ENDPOINTS: string;
      /** ../shared/uaf-vectors/vectors.json: real UAFV1TLV assertions (text). */
      UAF_VECTORS: string;
      /** Debian's oathtool behind a Node-side service binding (vitest.config.ts). */
      OATHTOOL: Fetcher;
      /** Debian's python3-srp behind a Node-side service binding (test/peers/srp_peer.py). */
      SRP_PEER: Fetcher;
      /** ../shared/face-images/labelled, served by a Node-side binding: GET /<identity>/<file>.png. */
      FACE_IMAGES: Fetcher;
    }
    interface GlobalProps {
      mainModule: typeof import("../src/index");
    }
  }
}
