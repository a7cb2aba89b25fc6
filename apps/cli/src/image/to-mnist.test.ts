import { mnist } from '@neuralkit/data';
import { describe, expect, it } from 'vitest';
import { decodeGray } from './decode-image.js';
import { encodeGrayPng } from './encode-png.js';
import { toMnistDigit } from './to-mnist.js';

/** Nearest-neighbour upscale by an integer factor, optionally black-on-white. */
function upscale(pixels: Uint8Array, factor: number, invert: boolean): Buffer {
  const size = 28 * factor;
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = pixels[Math.floor(y / factor) * 28 + Math.floor(x / factor)]!;
      out[y * size + x] = invert ? 255 - v : v;
    }
  }
  return encodeGrayPng(out, size, size);
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]! / n; mb += b[i]! / n; }
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb); aa += (a[i]! - ma) ** 2; bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('toMnistDigit', () => {
  it('recovers MNIST test digits from scaled-up PNGs of either polarity', async () => {
    const { test } = await mnist.loadArrays();
    for (let i = 0; i < 10; i++) {
      const digit = test.x.subarray(i * 784, (i + 1) * 784);
      for (const [factor, invert] of [[4, false], [3, true]] as const) {
        const image = decodeGray(upscale(digit, factor, invert), `digit ${i}`);
        expect(image.width).toBe(28 * factor);
        const back = toMnistDigit(image);
        // MNIST digits are already 20-pixel boxes centred by mass: the round trip gives them back.
        expect(correlation(back, digit)).toBeGreaterThan(0.99);
      }
    }
  });

  it('keeps a blank image blank and rejects bytes that are no image', () => {
    const blank = decodeGray(encodeGrayPng(new Uint8Array(100), 10, 10), 'blank');
    expect(Math.max(...toMnistDigit(blank))).toBe(0);
    expect(() => decodeGray(Buffer.from('not an image'), 'x.png')).toThrowError(/x\.png: expected a PNG or JPEG image/);
  });
});
