import { describe, expect, it } from 'vitest';
import { writeScaledRows } from './scaled-rows.js';

describe('writeScaledRows', () => {
  it('writes the picked rows in order, each value times the scale rounded to float32', () => {
    const bytes = Uint8Array.from([0, 1, 2, 253, 254, 255]);
    const out = new Float32Array(6);
    writeScaledRows(bytes, [2, 0, 1], 2, 1 / 255, out);
    expect(Array.from(out)).toEqual([254, 255, 0, 1, 2, 253].map((v) => Math.fround(v * (1 / 255))));
    // Keras divides by 255: every byte gives the same float32 as the division.
    const all = Uint8Array.from({ length: 256 }, (_, v) => v);
    const scaled = new Float32Array(256);
    writeScaledRows(all, [0], 256, 1 / 255, scaled);
    expect(Array.from(scaled)).toEqual(Array.from(all, (v) => Math.fround(v / 255)));
  });

  it('copies float rows as they are at scale 1 and multiplies them otherwise', () => {
    const floats = Float32Array.from([0.5, -1, 3, 7]);
    const out = new Float32Array(4);
    writeScaledRows(floats, [1, 1], 2, 1, out);
    expect(Array.from(out)).toEqual([3, 7, 3, 7]);
    writeScaledRows(floats, [0, 1], 2, 0.1, out);
    expect(Array.from(out)).toEqual([0.5, -1, 3, 7].map((v) => Math.fround(v * 0.1)));
  });
});
