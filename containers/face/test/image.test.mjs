// Unit tests of the pure-JS decoding and downscaling (no models).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ImageError, decode, downscale, sniff } from '../src/image.mjs';
import { labelledImage } from './helpers.mjs';

test('sniff recognises PNG and JPEG magic bytes only', () => {
  assert.equal(sniff(readFileSync(labelledImage('amy'))), 'png');
  assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xdb])), 'jpeg');
  assert.equal(sniff(Buffer.from('GIF89a')), null);
  assert.equal(sniff(Buffer.alloc(0)), null);
});

test('a greyscale PNG decodes to RGB with equal channels', () => {
  const img = decode(readFileSync(labelledImage('amy')));
  assert.equal(img.width, 150);
  assert.equal(img.height, 150);
  assert.equal(img.rgb.length, 150 * 150 * 3);
  for (let i = 0; i < img.rgb.length; i += 3 * 97) {
    assert.equal(img.rgb[i], img.rgb[i + 1]);
    assert.equal(img.rgb[i], img.rgb[i + 2]);
  }
});

test('a JPEG decodes', () => {
  const data = Buffer.alloc(64 * 32 * 4);
  for (let i = 0; i < data.length; i += 4) { data[i] = 250; data[i + 1] = 10; data[i + 2] = 10; data[i + 3] = 255; }
  const img = decode(jpeg.encode({ data, width: 64, height: 32 }, 90).data);
  assert.equal(img.width, 64);
  assert.equal(img.height, 32);
  assert.ok(img.rgb[0] > 200 && img.rgb[1] < 60);
});

test('undecodable input throws bad_image', () => {
  assert.throws(() => decode(Buffer.from('nope')), (e) => e instanceof ImageError && e.code === 'bad_image');
  const png = readFileSync(labelledImage('amy'));
  assert.throws(() => decode(png.subarray(0, 60)), (e) => e instanceof ImageError && e.code === 'bad_image');
});

test('a PNG declaring too many pixels is refused before decoding', () => {
  const png = Buffer.from(readFileSync(labelledImage('amy')));
  png.writeUInt32BE(20000, 16);
  png.writeUInt32BE(20000, 20);
  assert.throws(() => decode(png), (e) => e instanceof ImageError && e.code === 'image_too_large');
});

test('downscale keeps the aspect ratio and caps the long side', () => {
  const w = 3000, h = 1000;
  const rgb = new Uint8Array(w * h * 3).fill(77);
  const out = downscale({ width: w, height: h, rgb }, 1024);
  assert.equal(out.width, 1024);
  assert.equal(out.height, 341);
  assert.ok(out.rgb.every((v) => v === 77));
  const same = downscale({ width: 100, height: 50, rgb: new Uint8Array(100 * 50 * 3) }, 1024);
  assert.equal(same.width, 100);
});

test('downscale averages pixels', () => {
  const png = new PNG({ width: 4, height: 2 });
  // left half black, right half white
  for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) png.data.fill(x < 2 ? 0 : 255, (y * 4 + x) * 4, (y * 4 + x) * 4 + 3);
  const img = decode(PNG.sync.write(png));
  const out = downscale(img, 2);
  assert.deepEqual([out.width, out.height], [2, 1]);
  assert.deepEqual([...out.rgb], [0, 0, 0, 255, 255, 255]);
});
