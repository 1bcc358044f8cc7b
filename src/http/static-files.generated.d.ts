// Types of src/http/static-files.generated.js, which scripts/assets.mjs writes (not committed).
export interface StaticFileData {
  contentType: string;
  /** A strong validator: a prefix of the file's SHA-256, quoted. */
  etag: string;
  text?: string;
  base64?: string;
}

export declare const STATIC_FILES: Record<string, StaticFileData>;
