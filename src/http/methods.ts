import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

type Matcher = { pattern: RegExp; method: string };

const matchers = new WeakMap<object, Matcher[]>();

/** `/a/{b}/c` → a regular expression matching one path segment per parameter. */
function toPattern(path: string): RegExp {
  const source = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${source}$`);
}

/** The methods the document declares for `path` (empty when no operation has that path): the `Allow` of a 405. */
export function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string[] {
  let list = matchers.get(app);
  if (!list) {
    list = app.openAPIRegistry.definitions.flatMap((definition) =>
      definition.type === "route" ? [{ pattern: toPattern(definition.route.path), method: definition.route.method.toUpperCase() }] : [],
    );
    matchers.set(app, list);
  }
  return [...new Set(list.filter((m) => m.pattern.test(path)).map((m) => m.method))].sort();
}
