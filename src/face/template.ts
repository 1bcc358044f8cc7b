/**
 * Similarity of two face descriptors in 0..1: score = max(0, 1 − d / SCALE), d the Euclidean
 * distance. With SCALE = 1.15 the default threshold 0.5 means d ≤ 0.575, which on the labelled
 * set (../shared/face-images) gives FMR 0 and FNMR 3.75 %: docs/benchmarks.md.
 */
export const DISTANCE_SCALE = 1.15;

export function similarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError("descriptors of different sizes");
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.max(0, 1 - Math.sqrt(sum) / DISTANCE_SCALE);
}

export function templateBytes(template: Float32Array): Uint8Array {
  return new Uint8Array(template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength));
}

export function templateOf(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
