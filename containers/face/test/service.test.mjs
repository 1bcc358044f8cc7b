// End-to-end tests of the face service: real models, real images from ../shared/face-images.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { labelledImage, postImage, startService } from './helpers.mjs';
import { createFaceServer } from '../src/server.mjs';

let svc;
before(async () => {
  svc = await startService();
});
after(async () => {
  await svc?.stop();
});

function decodeTemplate(b64) {
  const buf = Buffer.from(b64, 'base64');
  assert.equal(buf.length, 128 * 4);
  const out = new Float32Array(128);
  for (let i = 0; i < 128; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

function distance(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** A w×h PNG filled with one grey level (RGBA). */
function blankPng(w, h, v = 200) {
  const png = new PNG({ width: w, height: h });
  png.data.fill(v);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  return PNG.sync.write(png);
}

/** Paste decoded PNG faces onto a grey canvas at the given offsets. */
function collage(w, h, placements) {
  const out = new PNG({ width: w, height: h });
  out.data.fill(128);
  for (const { file, x, y } of placements) {
    const src = PNG.sync.read(readFileSync(file));
    PNG.bitblt(src, out, 0, 0, src.width, src.height, x, y);
  }
  return PNG.sync.write(out);
}

test('GET /healthz reports the model once loaded', async () => {
  const res = await fetch(`${svc.url}/healthz`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.model, 'FACEAPI_128');
});

test('a labelled greyscale PNG gives a 128-d template', async () => {
  const { status, body } = await postImage(svc.url, readFileSync(labelledImage('amy')));
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.model, 'FACEAPI_128');
  assert.equal(body.dim, 128);
  const t = decodeTemplate(body.template);
  assert.ok(t.every(Number.isFinite));
  assert.ok(body.detectionScore >= 0.5 && body.detectionScore <= 1);
  for (const k of ['x', 'y', 'width', 'height']) assert.equal(typeof body.box[k], 'number');
  assert.ok(body.box.width > 40 && body.box.width <= 150, JSON.stringify(body.box));
  assert.ok(body.box.x >= 0 && body.box.y >= 0);
});

test('same person is closer than different people; JPEG input works', async () => {
  const a1 = await postImage(svc.url, readFileSync(labelledImage('sheldon', 1)));
  const a2 = await postImage(svc.url, readFileSync(labelledImage('sheldon', 2)));
  const b1 = await postImage(svc.url, readFileSync(labelledImage('penny', 1)));
  for (const r of [a1, a2, b1]) assert.equal(r.status, 200, JSON.stringify(r.body));
  const [t1, t2, u1] = [a1, a2, b1].map((r) => decodeTemplate(r.body.template));
  assert.ok(distance(t1, t2) < 0.6, `genuine distance ${distance(t1, t2)}`);
  assert.ok(distance(t1, u1) > 0.6, `impostor distance ${distance(t1, u1)}`);

  // Same image re-encoded as a colour JPEG: nearly the same template.
  const png = PNG.sync.read(readFileSync(labelledImage('sheldon', 1)));
  const jpg = jpeg.encode({ data: png.data, width: png.width, height: png.height }, 95).data;
  const j = await postImage(svc.url, jpg, 'image/jpeg');
  assert.equal(j.status, 200, JSON.stringify(j.body));
  assert.ok(distance(decodeTemplate(j.body.template), t1) < 0.3);
});

test('a large image is downscaled and its box is in original coordinates', async () => {
  // 150 px face pasted into a 2400×1600 canvas after a 4× upscale (nearest neighbour).
  const src = PNG.sync.read(readFileSync(labelledImage('raj', 1)));
  const big = new PNG({ width: 2400, height: 1600 });
  big.data.fill(128);
  const f = 4;
  for (let y = 0; y < 600; y++) {
    for (let x = 0; x < 600; x++) {
      const s = (Math.floor(y / f) * 150 + Math.floor(x / f)) * 4;
      const d = ((y + 500) * 2400 + (x + 900)) * 4;
      src.data.copy(big.data, d, s, s + 4);
    }
  }
  const { status, body } = await postImage(svc.url, PNG.sync.write(big));
  assert.equal(status, 200, JSON.stringify(body));
  assert.ok(body.box.x > 850 && body.box.x < 1100, JSON.stringify(body.box));
  assert.ok(body.box.y > 350 && body.box.y < 750, JSON.stringify(body.box));
  assert.ok(body.box.width > 250 && body.box.width < 650, JSON.stringify(body.box));
});

test('undecodable bytes → 400 bad_image', async () => {
  const r1 = await postImage(svc.url, Buffer.from('definitely not an image'));
  assert.equal(r1.status, 400);
  assert.equal(r1.body.error, 'bad_image');
  // PNG signature followed by garbage.
  const broken = Buffer.concat([readFileSync(labelledImage('amy')).subarray(0, 40), Buffer.alloc(64, 7)]);
  const r2 = await postImage(svc.url, broken);
  assert.equal(r2.status, 400);
  assert.equal(r2.body.error, 'bad_image');
  const r3 = await postImage(svc.url, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]), 'image/jpeg');
  assert.equal(r3.status, 400);
  assert.equal(r3.body.error, 'bad_image');
  const r4 = await postImage(svc.url, Buffer.alloc(0));
  assert.equal(r4.status, 400);
  assert.equal(r4.body.error, 'bad_image');
});

test('an image without a face → 422 no_face', async () => {
  const { status, body } = await postImage(svc.url, blankPng(320, 240));
  assert.equal(status, 422);
  assert.equal(body.error, 'no_face');
});

test('two faces → 422 multiple_faces', async () => {
  const img = collage(600, 300, [
    { file: labelledImage('amy', 4), x: 75, y: 75 },
    { file: labelledImage('raj', 4), x: 375, y: 75 },
  ]);
  const { status, body } = await postImage(svc.url, img);
  assert.equal(status, 422, JSON.stringify(body));
  assert.equal(body.error, 'multiple_faces');
});

test('a face that is too small → 422 low_quality', async () => {
  // 150 px face downscaled 6× (25 px) on a grey canvas.
  const src = PNG.sync.read(readFileSync(labelledImage('leonard', 1)));
  const out = new PNG({ width: 200, height: 200 });
  out.data.fill(128);
  for (let y = 0; y < 25; y++) {
    for (let x = 0; x < 25; x++) {
      const s = (y * 6 * 150 + x * 6) * 4;
      const d = ((y + 90) * 200 + (x + 90)) * 4;
      src.data.copy(out.data, d, s, s + 4);
    }
  }
  const { status, body } = await postImage(svc.url, PNG.sync.write(out));
  assert.equal(status, 422, JSON.stringify(body));
  assert.ok(['low_quality', 'no_face'].includes(body.error), JSON.stringify(body));
});

test('a body over 8 MiB → 413, also without Content-Length', async () => {
  const big = Buffer.alloc(8 * 1024 * 1024 + 1, 0x41);
  const r1 = await postImage(svc.url, big);
  assert.equal(r1.status, 413);
  assert.equal(r1.body.error, 'too_large');
  // Chunked upload: the limit is enforced while reading.
  const r2 = await new Promise((resolve, reject) => {
    const u = new URL(`${svc.url}/v1/templates`);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'image/png' } }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(data) }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024, 0x42);
    for (let i = 0; i < 9; i++) req.write(chunk);
    req.end();
  });
  assert.equal(r2.status, 413);
  assert.equal(r2.body.error, 'too_large');
  // The service is still healthy afterwards.
  const ok = await postImage(svc.url, readFileSync(labelledImage('howard')));
  assert.equal(ok.status, 200);
});

test('wrong content type → 415, wrong method → 405, unknown path → 404', async () => {
  const r1 = await postImage(svc.url, readFileSync(labelledImage('amy')), 'text/plain');
  assert.equal(r1.status, 415);
  const r2 = await fetch(`${svc.url}/v1/templates`);
  assert.equal(r2.status, 405);
  await r2.body?.cancel();
  const r3 = await fetch(`${svc.url}/nope`);
  assert.equal(r3.status, 404);
  await r3.body?.cancel();
});

test('concurrent requests are queued and all answered', async () => {
  const names = ['amy', 'bernadette', 'howard', 'leonard'];
  const results = await Promise.all(names.map((n) => postImage(svc.url, readFileSync(labelledImage(n, 2)))));
  for (const r of results) assert.equal(r.status, 200, JSON.stringify(r.body));
});

test('healthz is 503 and templates 503 before the models are loaded', async () => {
  const { server } = createFaceServer({ env: {} }); // load() never called
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const h = await fetch(`${base}/healthz`);
    assert.equal(h.status, 503);
    assert.equal((await h.json()).status, 'loading');
    const t = await postImage(base, readFileSync(labelledImage('amy')));
    assert.equal(t.status, 503);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
