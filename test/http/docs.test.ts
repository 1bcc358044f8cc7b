import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const ORIGIN = "https://is.test";

async function get(path: string): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`);
}

/** `directive → sources` of a Content-Security-Policy header. */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function attributeValues(html: string, tag: string, attribute: string): string[] {
  const pattern = new RegExp(`<${tag}\\b[^>]*\\b${attribute}="([^"]*)"`, "gi");
  return [...html.matchAll(pattern)].map((m) => m[1] ?? "");
}

function isSameOrigin(url: string): boolean {
  return new URL(url, `${ORIGIN}/docs`).origin === ORIGIN;
}

describe("GET /docs (API reference page)", () => {
  it("is public HTML with a strict Content-Security-Policy", async () => {
    const res = await get("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = parseCsp(res.headers.get("content-security-policy") ?? "");
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'unsafe-inline'");
      for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
    }
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("references only same-origin scripts and stylesheets, and has no inline script", async () => {
    const html = await (await get("/docs")).text();
    const scripts = attributeValues(html, "script", "src");
    const styles = attributeValues(html, "link", "href");
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    for (const url of [...scripts, ...styles]) {
      expect(url.startsWith("/"), url).toBe(true);
      expect(isSameOrigin(url), url).toBe(true);
    }
    const scriptTags = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scriptTags.length).toBe(scripts.length);
    for (const tag of scriptTags) expect(tag).toMatch(/<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>/i);
    expect(html).not.toMatch(/\bstyle="/i);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it("serves every referenced script and stylesheet from this Worker with a JS or CSS content type", async () => {
    const html = await (await get("/docs")).text();
    const cases = [
      ...attributeValues(html, "script", "src").map((url) => ({ url, type: /^(text|application)\/javascript\b/ })),
      ...attributeValues(html, "link", "href")
        .filter((url) => url.endsWith(".css"))
        .map((url) => ({ url, type: /^text\/css\b/ })),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const { url, type } of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type") ?? "", url).toMatch(type);
      expect((await res.text()).length, url).toBeGreaterThan(0);
    }
  });

  it("points Swagger UI at the OpenAPI document, which is served without a token", async () => {
    const html = await (await get("/docs")).text();
    const scripts = attributeValues(html, "script", "src");
    const init = await (await get(scripts[scripts.length - 1] ?? "")).text();
    expect(init).toContain('"/api/identity-store/openapi.json"');
    expect(init).toContain("validatorUrl: null");
    const doc = await get("/api/identity-store/openapi.json");
    expect(doc.status).toBe(200);
  });

  it("answers 404 for a vendor file that does not exist", async () => {
    const res = await get("/docs/vendor/no-such-file.js");
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});

describe("static files served from the Worker's bundle (no assets binding)", () => {
  it("serves the passkey demo page and its files with the demo's CSP", async () => {
    const page = await get("/demo/passkeys");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    for (const [url, type] of [
      ["/demo/passkeys/demo.js", "text/javascript; charset=utf-8"],
      ["/demo/passkeys/demo.css", "text/css; charset=utf-8"],
    ] as const) {
      expect(html).toContain(url.slice("/demo/passkeys/".length));
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type"), url).toBe(type);
      expect((await res.text()).length, url).toBeGreaterThan(0);
    }
    expect((await get("/demo/passkeys/no-such-file.js")).status).toBe(404);
  });

  it("answers a request naming the file's ETag with 304 and no body, another ETag with the file", async () => {
    const first = await get("/docs/vendor/swagger-ui.css");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const css = await first.text();
    const again = await exports.default.fetch(`${ORIGIN}/docs/vendor/swagger-ui.css`, { headers: { "if-none-match": `"other", W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const changed = await exports.default.fetch(`${ORIGIN}/docs/vendor/swagger-ui.css`, { headers: { "if-none-match": '"other"' } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(css);
  });

  it("serves the binary favicon byte for byte (a PNG signature)", async () => {
    const res = await get("/docs/vendor/favicon-32x32.png");
    expect(res.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
