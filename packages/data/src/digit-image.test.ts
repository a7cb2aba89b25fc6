import { describe, expect, it } from 'vitest';
import { digitImage, type PixelImage } from './digit-image.js';
import { mnist } from './mnist.js';

/** A one-channel image of `paper`, with `ink` on the given [x, y] pixels. */
function gray(width: number, height: number, paper: number, ink: number, pixels: Array<[number, number]>): PixelImage {
  const data = new Uint8Array(width * height).fill(paper);
  for (const [x, y] of pixels) data[y * width + x] = ink;
  return { data, width, height };
}

/** The same picture as opaque RGBA, as a canvas's ImageData holds it. */
function rgba(image: PixelImage): PixelImage {
  const data = new Uint8ClampedArray(4 * image.data.length);
  for (let i = 0; i < image.data.length; i++) data.set([image.data[i]!, image.data[i]!, image.data[i]!, 255], 4 * i);
  return { data, width: image.width, height: image.height };
}

/** [first, last] index of the rows (or columns) holding any ink. */
function span(out: Float32Array, axis: 'rows' | 'columns'): [number, number] {
  const lines = Array.from({ length: 28 }, (_, i) =>
    Array.from({ length: 28 }, (_, j) => out[axis === 'rows' ? i * 28 + j : j * 28 + i]!).some((v) => v > 0),
  );
  return [lines.indexOf(true), lines.lastIndexOf(true)];
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

// A 10×4 (non-square) image with an "L on its back": ink on row 0 at x 2..5 and on row 1 at x 2.
const L: Array<[number, number]> = [[2, 0], [3, 0], [4, 0], [5, 0], [2, 1]];

describe('digitImage', () => {
  it('crops, scales to 20 and centres by mass (hand-computed)', () => {
    const out = digitImage(gray(10, 4, 0, 255, L));
    // Box 4×2 → scale 20/4 = 5 → 20×10, every source pixel a 5×5 block of 1.
    // Mass: 100 pixels in rows 0..4 (x centre 9.5), 25 in rows 5..9 at x 0..4 (x centre 2, y centre 7).
    // cx = (100·9.5 + 25·2) / 125 = 8, cy = (100·2 + 25·7) / 125 = 3 → left 14 − 8 = 6, top 14 − 3 = 11.
    expect(out).toHaveLength(784);
    expect(sum(out)).toBe(125);
    expect(span(out, 'rows')).toEqual([11, 20]);
    expect(span(out, 'columns')).toEqual([6, 25]);
    expect(out[11 * 28 + 25]).toBe(1); // end of the bar
    expect(out[20 * 28 + 10]).toBe(1); // foot of the L
    expect(out[20 * 28 + 11]).toBe(0);
  });

  it('gives the same digit for either polarity, by the border or when told', () => {
    const light = digitImage(gray(10, 4, 0, 255, L));
    const dark = gray(10, 4, 255, 0, L);
    expect(digitImage(dark)).toEqual(light);
    expect(digitImage(rgba(dark))).toEqual(light);
    expect(digitImage(rgba(dark), { polarity: 'dark-on-light' })).toEqual(light);
    // Told the wrong way round, the paper is the digit: the whole 10×4 page → 20×8, 35 paper pixels × 4.
    expect(sum(digitImage(dark, { polarity: 'light-on-dark' }))).toBe(140);
  });

  it('treats transparent pixels as paper', () => {
    const image = rgba(gray(10, 4, 255, 0, L));
    const data = image.data as Uint8ClampedArray;
    // Black but fully transparent at (9, 0) and (9, 3): paper, not ink.
    data.set([0, 0, 0, 0], 4 * 9);
    data.set([0, 0, 0, 0], 4 * (3 * 10 + 9));
    expect(digitImage(image)).toEqual(digitImage(gray(10, 4, 0, 255, L)));
  });

  it('keeps a blank image blank', () => {
    expect(sum(digitImage(gray(7, 5, 0, 0, [])))).toBe(0);
    expect(sum(digitImage(gray(7, 5, 255, 255, [])))).toBe(0);
    expect(sum(digitImage(rgba(gray(3, 9, 255, 255, [])), { polarity: 'dark-on-light' }))).toBe(0);
  });

  it('turns a tall off-centre stroke on a 280×280 pad into a centred 1, rows 4..23', () => {
    const stroke: Array<[number, number]> = [];
    for (let y = 20; y < 220; y++) for (let x = 30; x < 50; x++) stroke.push([x, y]);
    const out = digitImage(rgba(gray(280, 280, 255, 0, stroke)), { polarity: 'dark-on-light' });
    // Box 20×200 → 2×20 of 1; centre of mass (0.5, 9.5) → shift 13.5 / 4.5, ties rounded down.
    expect(span(out, 'rows')).toEqual([4, 23]);
    expect(span(out, 'columns')).toEqual([13, 14]);
    expect(sum(out)).toBe(40);
  });

  it('averages the area each target pixel covers (anti-aliasing)', () => {
    const checker: Array<[number, number]> = [];
    for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) if ((x + y) % 2 === 0) checker.push([x, y]);
    const out = digitImage(gray(40, 40, 0, 255, checker), { polarity: 'light-on-dark' });
    // 40×40 → 20×20: each target pixel averages 2×2 pixels, two of them ink → 0.5, rows 4..23.
    expect(out[4 * 28 + 4]).toBe(0.5);
    expect(sum(out)).toBe(200);
    expect(span(out, 'rows')).toEqual([4, 23]);
  });

  it('gives MNIST test digits back from scaled-up copies of either polarity', async () => {
    const { test } = await mnist.loadArrays();
    for (let i = 0; i < 10; i++) {
      const digit = test.x.subarray(i * 784, (i + 1) * 784);
      for (const [factor, invert] of [[4, false], [3, true]] as const) {
        const side = 28 * factor;
        const data = new Uint8Array(side * side);
        for (let p = 0; p < data.length; p++) {
          const v = digit[Math.floor(Math.floor(p / side) / factor) * 28 + Math.floor((p % side) / factor)]!;
          data[p] = invert ? 255 - v : v;
        }
        const back = digitImage({ data, width: side, height: side });
        // MNIST digits are already 20-pixel boxes centred by mass: the round trip returns them.
        expect(correlation(back, digit)).toBeGreaterThan(0.99);
      }
    }
  });

  it('names what it expected when the input is wrong', () => {
    expect(() => digitImage({ data: new Uint8Array(5), width: 2, height: 2 })).toThrowError(
      /Invalid image `data`: expected 1, 3 or 4 values per pixel \(4, 12 or 16 for 2×2\), received "5 values"/,
    );
    expect(() => digitImage({ data: [], width: 0, height: 3 })).toThrowError(/positive integer `width` and `height`/);
    expect(() => digitImage(gray(2, 2, 0, 0, []), { polarity: 'inverted' as never })).toThrowError(
      /Invalid `polarity`: expected one of 'auto', 'dark-on-light', 'light-on-dark', received "inverted"/,
    );
  });
});

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
