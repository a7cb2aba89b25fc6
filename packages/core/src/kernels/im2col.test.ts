import { describe, expect, it } from 'vitest';
import { convGeometry } from './conv-geometry.js';
import { col2imAdd, im2col } from './im2col.js';

describe('im2col and col2imAdd', () => {
  // One 3×3 single-channel image, a 2×2 filter, 'same' padding: TensorFlow pads bottom and right.
  const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const g = convGeometry([1, 3, 3, 1], [2, 2, 1, 1], { strides: 1, pad: 'same' });

  it('reads each output position’s window in filter order, zeros over the padding', () => {
    const cols = new Float32Array(9 * 4).fill(NaN);
    im2col(x, g, 0, 9, cols);
    expect(Array.from(cols.subarray(0, 4))).toEqual([1, 2, 4, 5]);
    expect(Array.from(cols.subarray(8, 12))).toEqual([3, 0, 6, 0]);
    expect(Array.from(cols.subarray(32, 36))).toEqual([9, 0, 0, 0]);
    // A block of rows lands at the block's start.
    const block = new Float32Array(4);
    im2col(x, g, 4, 1, block);
    expect(Array.from(block)).toEqual([5, 6, 8, 9]);
  });

  it('adds patch values back where they were read (its adjoint: <im2col x, c> = <x, col2im c>)', () => {
    const c = Float64Array.from({ length: 36 }, (_, i) => ((i * 7) % 11) - 5);
    const dx = new Float32Array(9);
    col2imAdd(c, g, 0, 9, dx);
    const cols = new Float32Array(36);
    im2col(x, g, 0, 9, cols);
    const lhs = cols.reduce((s, v, i) => s + v * c[i]!, 0);
    const rhs = x.reduce((s, v, i) => s + v * dx[i]!, 0);
    expect(rhs).toBe(lhs);
    // The centre value sits under all four filter taps of four windows.
    const once = new Float32Array(9);
    col2imAdd(new Float32Array(36).fill(1), g, 0, 9, once);
    expect(Array.from(once)).toEqual([1, 2, 2, 2, 4, 4, 2, 4, 4]);
  });
});
