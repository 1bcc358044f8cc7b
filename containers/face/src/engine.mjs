// Face engine: @vladmandic/face-api (node-wasm build) on @tensorflow/tfjs + the WASM backend.
// Weights are loaded from the `model/` folder that ships inside the @vladmandic/face-api package,
// the WASM binaries from @tensorflow/tfjs-backend-wasm/dist — no network access at any time.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decode, downscale } from './image.mjs';

const require = createRequire(import.meta.url);

export const MODEL = 'FACEAPI_128';
export const DIM = 128;

/** Defaults; each can be overridden by an environment variable (see README). */
export const DEFAULTS = Object.freeze({
  /** 'ssd' (SSD MobileNet v1, default: better on the labelled set) or 'tiny' (TinyFaceDetector). */
  detector: 'ssd',
  /** Images are downscaled so that the long side is at most this many pixels before inference. */
  maxSide: 1024,
  /** Detections below this confidence are ignored entirely (not a face). */
  detectMinConfidence: 0.3,
  /** Best face below this detection score → 422 low_quality. */
  minDetectionScore: 0.5,
  /** Best face whose box is smaller than this (short side, in inference pixels) → 422 low_quality. */
  minFacePx: 40,
  /**
   * A second face counts (→ 422 multiple_faces, checked only when the best face is good enough)
   * when its score is ≥ multiFaceMinScore and its box area is at least secondFaceMinAreaRatio of
   * the best face's (tiny background faces are ignored). Lower than minDetectionScore on purpose:
   * an image with a second, weaker face is ambiguous and must not be enrolled.
   */
  multiFaceMinScore: 0.4,
  secondFaceMinAreaRatio: 0.1,
  /**
   * Detection passes, tried in order until one finds a face scoring ≥ minDetectionScore. Each pass
   * downscales the image to `maxSide` (never above the global maxSide) and adds a mid-grey border of
   * `pad` × the long side on every side: SSD MobileNet misses faces that fill the frame (tightly
   * cropped portraits, close selfies), and the border also keeps the aligned crop from being clipped
   * at the image edge. The second pass (bigger border on a smaller image) only runs when the first
   * finds no good face.
   */
  passes: Object.freeze([
    Object.freeze({ pad: 0.25, maxSide: 1024 }),
    Object.freeze({ pad: 1.0, maxSide: 512 }),
  ]),
});

export function configFromEnv(env = process.env) {
  const num = (name, dflt) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
    return n;
  };
  const detector = env.FACE_DETECTOR || DEFAULTS.detector;
  if (detector !== 'ssd' && detector !== 'tiny') throw new Error('FACE_DETECTOR must be ssd or tiny');
  return {
    detector,
    maxSide: num('FACE_MAX_SIDE', DEFAULTS.maxSide),
    detectMinConfidence: num('FACE_DETECT_MIN_CONFIDENCE', DEFAULTS.detectMinConfidence),
    minDetectionScore: num('FACE_MIN_DETECTION_SCORE', DEFAULTS.minDetectionScore),
    minFacePx: num('FACE_MIN_FACE_PX', DEFAULTS.minFacePx),
    multiFaceMinScore: num('FACE_MULTI_FACE_MIN_SCORE', DEFAULTS.multiFaceMinScore),
    secondFaceMinAreaRatio: num('FACE_SECOND_FACE_MIN_AREA_RATIO', DEFAULTS.secondFaceMinAreaRatio),
    passes: DEFAULTS.passes,
  };
}

let faceapi;
let tf;

/** Load tfjs (WASM backend) and the three networks. Resolves with timings in ms. */
export async function loadModels({ detector = DEFAULTS.detector } = {}) {
  const t0 = performance.now();
  faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  tf = faceapi.tf;
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  tf.setWasmPaths(wasmDir, true);
  // tfjs fetches the .wasm binary through its platform `fetch`, which cannot read local files in
  // Node: serve paths inside the backend's dist/ folder from disk, and refuse anything else.
  const platform = tf.env().platform;
  platform.fetch = async (p) => {
    const file = typeof p === 'string' ? p : String(p?.url ?? p);
    const resolved = path.resolve(file);
    if (!resolved.startsWith(wasmDir)) throw new Error(`face service: refusing to fetch ${file}`);
    return new Response(await readFile(resolved), { status: 200, headers: { 'content-type': 'application/wasm' } });
  };
  await tf.setBackend('wasm');
  await tf.ready();
  tf.env().set('PROD', true);
  const t1 = performance.now();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  if (detector === 'tiny') await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  else await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  const t2 = performance.now();
  return { backend: tf.getBackend(), backendMs: t1 - t0, modelsMs: t2 - t1, totalMs: t2 - t0 };
}

export function tensorCount() {
  return tf ? tf.memory().numTensors : 0;
}

/** Pack RGB into a float32 tensor3d with a grey border of `pad` pixels on every side. */
function toTensor(img, pad) {
  const w = img.width + 2 * pad;
  const h = img.height + 2 * pad;
  const data = new Float32Array(w * h * 3);
  if (pad > 0) data.fill(128);
  const src = img.rgb;
  for (let y = 0; y < img.height; y++) {
    let o = ((y + pad) * w + pad) * 3;
    let p = y * img.width * 3;
    for (let x = 0; x < img.width * 3; x++) data[o++] = src[p++];
  }
  return tf.tensor3d(data, [h, w, 3], 'float32');
}

function detectorOptions(cfg) {
  return cfg.detector === 'tiny'
    ? new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: cfg.detectMinConfidence })
    : new faceapi.SsdMobilenetv1Options({ minConfidence: cfg.detectMinConfidence, maxResults: 10 });
}

/**
 * Image bytes → template, or a rejection.
 * @returns {Promise<{ ok: true, descriptor: Float32Array, box: {x:number,y:number,width:number,height:number},
 *   detectionScore: number, timings: object } | { ok: false, error: 'no_face'|'multiple_faces'|'low_quality',
 *   detail?: object }>}  Throws ImageError for undecodable or oversized images.
 */
export async function extractTemplate(bytes, cfg) {
  const t0 = performance.now();
  const decoded = decode(bytes);
  const t1 = performance.now();
  let chosen = null; // { input, pad, sx, sy, detections }
  let passesRun = 0;
  try {
    for (const pass of cfg.passes) {
      const small = downscale(decoded, Math.min(cfg.maxSide, pass.maxSide));
      const pad = Math.round(Math.max(small.width, small.height) * pass.pad);
      const input = toTensor(small, pad);
      let detections;
      try {
        detections = (await faceapi.detectAllFaces(input, detectorOptions(cfg))).sort((x, y) => y.score - x.score);
      } catch (err) {
        input.dispose();
        throw err;
      }
      passesRun++;
      const cand = { input, pad, sx: small.width / decoded.width, sy: small.height / decoded.height, detections };
      const better = !chosen || (detections.length > 0 && (chosen.detections.length === 0 || detections[0].score > chosen.detections[0].score));
      if (better) {
        chosen?.input.dispose();
        chosen = cand;
      } else {
        input.dispose();
      }
      if (detections.length > 0 && detections[0].score >= cfg.minDetectionScore) break;
    }
    const t2 = performance.now();
    const { input, pad, sx, sy, detections } = chosen;
    if (detections.length === 0) return { ok: false, error: 'no_face' };
    const best = detections[0];
    const others = detections.slice(1).filter(
      (d) => d.score >= cfg.multiFaceMinScore && d.box.area >= cfg.secondFaceMinAreaRatio * best.box.area,
    );
    // Box in original-image coordinates (inference box minus the border, scaled back up).
    const b = best.box;
    const ox = Math.max(0, (b.x - pad) / sx);
    const oy = Math.max(0, (b.y - pad) / sy);
    const box = {
      x: Math.round(ox),
      y: Math.round(oy),
      width: Math.round(Math.min(decoded.width, (b.x + b.width - pad) / sx) - ox),
      height: Math.round(Math.min(decoded.height, (b.y + b.height - pad) / sy) - oy),
    };
    const detectionScore = Math.round(best.score * 1e4) / 1e4;
    if (best.score >= cfg.minDetectionScore && others.length > 0) {
      return { ok: false, error: 'multiple_faces', detail: { faces: others.length + 1 } };
    }
    if (best.score < cfg.minDetectionScore) {
      return { ok: false, error: 'low_quality', detail: { reason: 'detection_score', detectionScore, box } };
    }
    if (Math.min(b.width, b.height) < cfg.minFacePx) {
      return { ok: false, error: 'low_quality', detail: { reason: 'face_too_small', detectionScore, box } };
    }
    // Landmarks on the detected face crop, then the 128-d descriptor on the dlib-aligned crop —
    // the same steps as face-api's detectSingleFace().withFaceLandmarks().withFaceDescriptor().
    const withDet = faceapi.extendWithFaceDetection({}, best);
    const [faceCrop] = await faceapi.extractFaceTensors(input, [best]);
    let landmarks;
    try {
      landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(faceCrop);
    } finally {
      faceCrop.dispose();
    }
    const withLm = faceapi.extendWithFaceLandmarks(withDet, landmarks);
    const aligned = withLm.landmarks.align(null, { useDlibAlignment: true });
    const [alignedCrop] = await faceapi.extractFaceTensors(input, [aligned]);
    let descriptor;
    try {
      descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(alignedCrop);
    } finally {
      alignedCrop.dispose();
    }
    const t3 = performance.now();
    if (!(descriptor instanceof Float32Array) || descriptor.length !== DIM || !descriptor.every(Number.isFinite)) {
      return { ok: false, error: 'low_quality', detail: { reason: 'descriptor' } };
    }
    return {
      ok: true,
      descriptor,
      box,
      detectionScore,
      timings: { decodeMs: t1 - t0, detectMs: t2 - t1, describeMs: t3 - t2, totalMs: t3 - t0, passes: passesRun },
    };
  } finally {
    chosen?.input.dispose();
  }
}

/** Float32Array → base64 of its little-endian bytes. */
export function descriptorToBase64(desc) {
  const out = Buffer.alloc(desc.length * 4);
  for (let i = 0; i < desc.length; i++) out.writeFloatLE(desc[i], i * 4);
  return out.toString('base64');
}
