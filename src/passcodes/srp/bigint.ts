import { fromHex, toHex } from "../../crypto/encoding";

/** Big-endian bytes → integer. */
export function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

/** `bytes(x)`: big-endian with no leading zero bytes (0 → one zero byte). */
export function bytesOf(x: bigint): Uint8Array {
  const hex = x.toString(16);
  return fromHex(hex.length % 2 ? `0${hex}` : hex);
}

/** `PAD(x)`: big-endian, left-padded with zeros to `length` bytes. */
export function padded(x: bigint, length: number): Uint8Array {
  const bytes = bytesOf(x);
  if (bytes.length > length) throw new RangeError("value longer than the pad length");
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

/** Strict wire parsing: lowercase or uppercase hex digits only, no `0x`, at least one digit. */
export function parseHexNumber(text: string): bigint | null {
  return /^[0-9a-fA-F]{1,2048}$/.test(text) ? BigInt(`0x${text}`) : null;
}

/** The wire form: lowercase hex of bytes(x) (an even number of digits, no leading zero byte). */
export function hexOf(x: bigint): string {
  return toHex(bytesOf(x));
}

const WINDOW_BITS = 5;

/**
 * base^exponent mod modulus by left-to-right sliding windows (odd powers precomputed):
 * about one multiplication per 5 exponent bits on top of the squarings.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  base %= modulus;
  if (base < 0n) base += modulus;
  const square = (base * base) % modulus;
  const oddPowers = [base];
  for (let i = 1; i < 1 << (WINDOW_BITS - 1); i++) oddPowers.push((oddPowers[i - 1]! * square) % modulus);

  const bits = exponent.toString(2);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === "0") {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    let end = Math.min(i + WINDOW_BITS, bits.length);
    while (bits[end - 1] === "0") end--;
    for (let j = i; j < end; j++) result = (result * result) % modulus;
    result = (result * oddPowers[(parseInt(bits.slice(i, end), 2) - 1) >> 1]!) % modulus;
    i = end;
  }
  return result;
}
