// Pure-JS image decoding for the face service: JPEG (jpeg-js) and PNG (pngjs) → packed RGB bytes,
// then an area-average downscale so that the long side is at most `maxSide` pixels.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Largest image we decode (pixels); larger → 413 too_large. Pure-JS JPEG decoding of a 12 MP photo
 * takes ~1.5–2 s and a few hundred MB while it runs; 25 MP bounds both.
 */
export const MAX_PIXELS = 25_000_000;

export class ImageError extends Error {
  /** @param {'bad_image'|'image_too_large'} code */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** @param {Uint8Array} buf @returns {'jpeg'|'png'|null} */
export function sniff(buf) {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (
    buf.length >= 8 &&
    buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47 &&
    buf[4] === 0x0d && buf[5] === 0x0a && buf[6] === 0x1a && buf[7] === 0x0a
  ) return 'png';
  return null;
}

/** Width/height from the PNG IHDR chunk, read before decoding (decompression-bomb guard). */
function pngDims(buf) {
  if (buf.length < 24) throw new ImageError('bad_image', 'truncated PNG header');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/**
 * Decode JPEG or PNG bytes (format sniffed from the magic bytes) into packed RGB.
 * Greyscale, palette, 16-bit and alpha PNGs are normalised by pngjs to RGBA; alpha is dropped.
 * @param {Buffer} buf
 * @returns {{ width: number, height: number, rgb: Uint8Array }}
 */
export function decode(buf) {
  const kind = sniff(buf);
  if (!kind) throw new ImageError('bad_image', 'not a JPEG or PNG image');
  let width, height, rgba;
  try {
    if (kind === 'png') {
      const d = pngDims(buf);
      if (!d.width || !d.height) throw new ImageError('bad_image', 'empty PNG');
      if (d.width * d.height > MAX_PIXELS) throw new ImageError('image_too_large', `image has ${d.width}x${d.height} pixels`);
      const png = PNG.sync.read(buf);
      ({ width, height } = png);
      rgba = png.data;
    } else {
      const img = jpeg.decode(buf, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: true,
        maxResolutionInMP: MAX_PIXELS / 1e6,
        maxMemoryUsageInMB: 512,
      });
      ({ width, height } = img);
      rgba = img.data;
    }
  } catch (err) {
    if (err instanceof ImageError) throw err;
    if (/maxResolutionInMP/.test(String(err?.message))) throw new ImageError('image_too_large', String(err.message));
    throw new ImageError('bad_image', `cannot decode ${kind}: ${err?.message ?? err}`);
  }
  if (!width || !height || !rgba || rgba.length < width * height * 4) {
    throw new ImageError('bad_image', `cannot decode ${kind}`);
  }
  const n = width * height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) {
    rgb[k] = rgba[j];
    rgb[k + 1] = rgba[j + 1];
    rgb[k + 2] = rgba[j + 2];
  }
  return { width, height, rgb };
}

/**
 * Area-average (box filter) downscale of packed RGB so that max(width, height) ≤ maxSide.
 * Returns the input unchanged when it is already small enough.
 * @param {{ width: number, height: number, rgb: Uint8Array }} img
 * @param {number} maxSide
 */
export function downscale(img, maxSide) {
  const { width: sw, height: sh, rgb: src } = img;
  const long = Math.max(sw, sh);
  if (long <= maxSide) return { ...img, scale: 1 };
  const scale = maxSide / long;
  const dw = Math.max(1, Math.round(sw * scale));
  const dh = Math.max(1, Math.round(sh * scale));
  const fx = sw / dw;
  const fy = sh / dh;
  const out = new Uint8Array(dw * dh * 3);
  // Row and column source spans, computed once.
  const x0s = new Int32Array(dw), x1s = new Int32Array(dw);
  for (let x = 0; x < dw; x++) {
    x0s[x] = Math.floor(x * fx);
    x1s[x] = Math.max(x0s[x] + 1, Math.min(sw, Math.floor((x + 1) * fx)));
  }
  for (let y = 0; y < dh; y++) {
    const y0 = Math.floor(y * fy);
    const y1 = Math.max(y0 + 1, Math.min(sh, Math.floor((y + 1) * fy)));
    for (let x = 0; x < dw; x++) {
      const x0 = x0s[x], x1 = x1s[x];
      let r = 0, g = 0, b = 0;
      for (let yy = y0; yy < y1; yy++) {
        let p = (yy * sw + x0) * 3;
        for (let xx = x0; xx < x1; xx++, p += 3) {
          r += src[p]; g += src[p + 1]; b += src[p + 2];
        }
      }
      const cnt = (y1 - y0) * (x1 - x0);
      const o = (y * dw + x) * 3;
      out[o] = (r / cnt + 0.5) | 0;
      out[o + 1] = (g / cnt + 0.5) | 0;
      out[o + 2] = (b / cnt + 0.5) | 0;
    }
  }
  // Effective per-axis scale back to the original image (for mapping boxes).
  return { width: dw, height: dh, rgb: out, scale: dw / sw, scaleY: dh / sh };
}
