/** Why a JSON text was refused before anything recursive looked at it. */
export class JsonRefusal extends Error {}

/** How deep a request body may nest (objects and arrays): configurations, attributes and schemas included. */
export const MAX_JSON_DEPTH = 32;

/**
 * Checks a JSON text in one iterative pass, before `JSON.parse` or any recursive code sees it:
 * nesting at most `maxDepth`, no duplicate key in any object (a parser differential is how signed
 * and checked data drift apart), no `__proto__` key, and every string and key well-formed Unicode (no lone surrogate).
 * Syntax errors are left to `JSON.parse`.
 */
export function checkJsonText(text: string, maxDepth = MAX_JSON_DEPTH): void {
  const frames: { keys: Set<string> | null }[] = [];
  let previous = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") continue;
    if (ch === "{" || ch === "[") {
      frames.push({ keys: ch === "{" ? new Set() : null });
      if (frames.length > maxDepth) throw new JsonRefusal(`JSON nested deeper than ${maxDepth} levels.`);
    } else if (ch === "}" || ch === "]") {
      frames.pop();
    } else if (ch === '"') {
      const end = stringEnd(text, i);
      let value: string;
      try {
        value = JSON.parse(text.slice(i, end + 1)) as string;
      } catch {
        throw new JsonRefusal("Malformed JSON string.");
      }
      if (!value.isWellFormed()) throw new JsonRefusal("A string is not well-formed Unicode (lone surrogate).");
      const keys = frames.at(-1)?.keys;
      if (keys && (previous === "{" || previous === ",")) {
        if (keys.has(value)) throw new JsonRefusal(`Duplicate key ${JSON.stringify(value)} in a JSON object.`);
        // JSON.parse keeps it as an own key, but any later copy by assignment turns it into a prototype.
        if (value === "__proto__") throw new JsonRefusal("The key __proto__ is not accepted.");
        keys.add(value);
      }
      i = end;
    }
    previous = ch;
  }
}

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") i++;
    else if (ch === '"') return i;
  }
  throw new JsonRefusal("Unterminated JSON string.");
}
