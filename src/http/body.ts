import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { ApiError, ERRORS } from "./errors";
import { checkJsonText, JsonRefusal } from "./json";

export const MAX_JSON_BYTES = 1024 * 1024;
export const MAX_IMAGE_JSON_BYTES = 8 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return (length !== null && length !== "0") || headers.has("transfer-encoding");
}

/** A body must be JSON (415), in UTF-8 when a charset is named (415). */
export function jsonContentType(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "DELETE" || !hasBody(c.req.raw.headers)) return next();
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type)) throw new ApiError(ERRORS.unsupportedMediaType);
    const charset = CHARSET.exec(type)?.[1];
    if (charset && charset.toLowerCase() !== "utf-8" && charset.toLowerCase() !== "utf8") {
      throw new ApiError(ERRORS.unsupportedMediaType, { message: "Request bodies are JSON in UTF-8; no other charset is accepted." });
    }
    return next();
  };
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const refuse = (message: string) => new ApiError(ERRORS.validation, { message });

/**
 * A route's JSON body, read once within the route's size limit (413) and checked before anything
 * recursive touches it: UTF-8 without a byte-order mark, no duplicate keys, no lone surrogates,
 * nesting within the limit (400/9001). The text is then what the route's validator parses.
 */
export function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(ERRORS.tooLarge);
    },
  });
  return (c, next) =>
    limit(c, async () => {
      if (hasBody(c.req.raw.headers)) {
        let text: string;
        try {
          text = fatalUtf8.decode(await c.req.arrayBuffer());
        } catch {
          throw refuse("The body is not valid UTF-8.");
        }
        if (text.startsWith("\uFEFF")) throw refuse("The body starts with a byte-order mark; send plain UTF-8 JSON.");
        try {
          checkJsonText(text);
        } catch (error) {
          if (error instanceof JsonRefusal) throw refuse(error.message);
          throw error;
        }
        Object.assign(c.req.bodyCache, { text: Promise.resolve(text) });
      }
      await next();
    });
}
