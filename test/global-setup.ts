import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import type { TestProject } from "vitest/node";
import type {} from "./provided";

/** An identity provider's JWKS endpoint on loopback, for the production (JWKS) token path. */
export default async function setup(project: TestProject) {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/.well-known/jwks.json" ? 200 : 404, { "content-type": "application/json" });
    res.end(req.url === "/.well-known/jwks.json" ? JSON.stringify({ keys: [jwk] }) : "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("jwksUrl", `http://127.0.0.1:${port}/.well-known/jwks.json`);
  project.provide("jwksPrivateKey", { ...(await exportJWK(privateKey)), kid: "test-key" } as JsonWebKey);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
