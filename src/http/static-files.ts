import type { StaticFileData } from "./static-files.generated.js";

export interface StaticFile {
  contentType: string;
  etag: string;
  body: string | Uint8Array;
}

let files: Promise<Map<string, StaticFile>> | undefined;

/** Loaded on the first request for a static file: API isolates never parse the module. */
async function load(): Promise<Map<string, StaticFile>> {
  const { STATIC_FILES } = await import("./static-files.generated.js");
  return new Map(Object.entries(STATIC_FILES).map(([path, data]) => [path, toFile(data)]));
}

function toFile({ contentType, etag, text, base64 }: StaticFileData): StaticFile {
  return { contentType, etag, body: text ?? Uint8Array.from(atob(base64 ?? ""), (c) => c.charCodeAt(0)) };
}

/** The file served at `path` (scripts/assets.mjs builds the set), or undefined. */
export async function staticFile(path: string): Promise<StaticFile | undefined> {
  files ??= load();
  return (await files).get(path);
}

/** 200 with the file, or 304 when the request's `If-None-Match` names its ETag. */
export function staticResponse(request: Request, file: StaticFile, headers: Record<string, string>): Response {
  const all = { ...headers, "content-type": file.contentType, etag: file.etag };
  const known = request.headers.get("if-none-match")?.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (known?.includes(file.etag)) return new Response(null, { status: 304, headers: all });
  return new Response(file.body, { headers: all });
}
