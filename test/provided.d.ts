/** Values test/global-setup.ts provides to the tests (`inject`). */
declare module "vitest" {
  export interface ProvidedContext {
    jwksUrl: string;
    jwksPrivateKey: JsonWebKey;
    faceServiceUrl: string;
  }
}

export {};
