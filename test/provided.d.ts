/** Values the global setups (test/global-setup.ts, …) provide to the tests (`inject`). */
declare module "vitest" {
  export interface ProvidedContext {
    jwksUrl: string;
    jwksPrivateKey: JsonWebKey;
    faceServiceUrl: string;
    /** The fake APNs and FCM (test/push-peers.ts). */
    apnsUrl: string;
    fcmUrl: string;
  }
}

export {};
