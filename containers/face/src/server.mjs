// Face service: a stateless HTTP service that turns one JPEG/PNG image into a 128-d face template.
//   POST /v1/templates   body: raw image bytes → 200 template | 422 no_face/multiple_faces/low_quality
//   GET  /healthz        200 once the models are loaded, 503 before
// See ../README.md for the full API. Configuration is by environment variable only.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { ImageError } from './image.mjs';
import { DIM, MODEL, configFromEnv, descriptorToBase64, extractTemplate, loadModels } from './engine.mjs';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png', 'application/octet-stream']);

function send(res, status, body, extraHeaders = {}) {
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(payload), ...extraHeaders });
  res.end(payload);
}

/** Serialises work: one inference at a time, at most `maxQueue` waiting. */
function createQueue(maxQueue) {
  let tail = Promise.resolve();
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    /** @returns {Promise<T> | null} null when the queue is full */
    run(fn) {
      if (pending >= maxQueue + 1) return null;
      pending++;
      const p = tail.then(fn);
      tail = p.then(
        () => { pending--; },
        () => { pending--; },
      );
      return p;
    },
  };
}

/**
 * Read the body into one Buffer, refusing (→ null) as soon as more than `limit` bytes arrive.
 * The rest of an oversize body is read and discarded (not buffered), so the 413 reaches the client.
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

export function createFaceServer(options = {}) {
  const cfg = { ...configFromEnv(options.env ?? process.env), ...options.config };
  const env = options.env ?? process.env;
  const maxBytes = Number(env.FACE_MAX_BYTES || 8 * 1024 * 1024);
  const queue = createQueue(Number(env.FACE_MAX_QUEUE || 8));
  const logRequests = env.FACE_LOG_REQUESTS === '1';
  const state = { ready: false, loadError: null, load: null };

  // The rest of an oversize body is drained (discarded, never buffered) so that the client, still
  // uploading, reads the 413 instead of a connection reset; past a further `maxBytes` × 8 the
  // connection is cut.
  const tooLarge = (req, res) => {
    let drained = 0;
    req.on('data', (c) => {
      drained += c.length;
      if (drained > maxBytes * 8) req.destroy();
    });
    req.resume();
    send(res, 413, { error: 'too_large', message: `body exceeds ${maxBytes} bytes` });
  };

  async function handleTemplates(req, res) {
    if (!state.ready) return send(res, 503, { error: 'loading', message: 'models are loading' });
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type && !ACCEPTED_TYPES.has(type)) {
      req.resume();
      return send(res, 415, { error: 'unsupported_media_type', message: 'send image/jpeg or image/png' });
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(req, res);
    const body = await readBody(req, maxBytes);
    if (body === null) return tooLarge(req, res);
    if (body.length === 0) return send(res, 400, { error: 'bad_image', message: 'empty body' });
    const started = performance.now();
    const job = queue.run(() => extractTemplate(body, cfg));
    if (!job) return send(res, 503, { error: 'busy', message: 'too many requests queued' }, { 'retry-after': '1' });
    let result;
    try {
      result = await job;
    } catch (err) {
      if (err instanceof ImageError) {
        if (err.code === 'image_too_large') return send(res, 413, { error: 'too_large', message: err.message });
        return send(res, 400, { error: 'bad_image', message: err.message });
      }
      throw err;
    }
    if (logRequests) {
      console.log(JSON.stringify({
        msg: 'template', ok: result.ok, error: result.error, ms: Math.round(performance.now() - started),
        timings: result.timings,
      }));
    }
    if (!result.ok) {
      return send(res, 422, { error: result.error, ...(result.detail ?? {}) });
    }
    return send(res, 200, {
      model: MODEL,
      dim: DIM,
      template: descriptorToBase64(result.descriptor),
      box: result.box,
      detectionScore: result.detectionScore,
    });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (p) =>
      Promise.resolve(p).catch((err) => {
        console.error(JSON.stringify({ msg: 'request failed', path: url.pathname, error: String(err?.stack ?? err) }));
        send(res, 500, { error: 'internal', message: 'internal error' });
      });
    if (url.pathname === '/healthz') {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method_not_allowed' }, { allow: 'GET' });
      if (state.ready) return send(res, 200, { status: 'ok', model: MODEL, dim: DIM, detector: cfg.detector, queue: queue.pending });
      return send(res, 503, { status: state.loadError ? 'error' : 'loading', model: MODEL });
    }
    if (url.pathname === '/v1/templates') {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
      }
      return done(handleTemplates(req, res));
    }
    req.resume();
    return send(res, 404, { error: 'not_found' });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;

  /** Start loading models (once); resolves with load timings. */
  function load() {
    state.load ??= loadModels({ detector: cfg.detector }).then(
      (t) => {
        state.ready = true;
        return t;
      },
      (err) => {
        state.loadError = err;
        throw err;
      },
    );
    return state.load;
  }

  return { server, load, state, cfg };
}

async function main() {
  const port = Number(process.env.FACE_PORT ?? 8080);
  const host = process.env.FACE_HOST || '127.0.0.1';
  const t0 = performance.now();
  const { server, load, cfg } = createFaceServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  console.log(JSON.stringify({ msg: 'face service listening', url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`, port: addr.port }));
  try {
    const t = await load();
    console.log(JSON.stringify({
      msg: 'face service ready', model: MODEL, detector: cfg.detector, backend: t.backend,
      modelLoadMs: Math.round(t.totalMs), startupMs: Math.round(performance.now() - t0),
    }));
  } catch (err) {
    console.error(JSON.stringify({ msg: 'model load failed', error: String(err?.stack ?? err) }));
    process.exit(1);
  }
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
