import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { ApiError, ERRORS } from "./errors";

export const MAX_JSON_BYTES = 1024 * 1024;
export const MAX_IMAGE_JSON_BYTES = 8 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;
const IMAGE_ROUTES = /\/biometrics\//;

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return (length !== null && length !== "0") || headers.has("transfer-encoding");
}

/** JSON only (415) and a body-size cap (413): 1 MiB, 8 MiB for face images. */
export function jsonBodyPolicy(): MiddlewareHandler<AppEnv> {
  const limits = new Map(
    [MAX_JSON_BYTES, MAX_IMAGE_JSON_BYTES].map((maxSize) => [
      maxSize,
      bodyLimit({ maxSize, onError: () => { throw new ApiError(ERRORS.tooLarge); } }),
    ]),
  );
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "DELETE" || !hasBody(c.req.raw.headers)) {
      return next();
    }
    if (!JSON_TYPE.test(c.req.header("content-type") ?? "")) throw new ApiError(ERRORS.unsupportedMediaType);
    const limit = limits.get(IMAGE_ROUTES.test(c.req.path) ? MAX_IMAGE_JSON_BYTES : MAX_JSON_BYTES)!;
    return limit(c, next);
  };
}
