import { describe, expect, it } from 'vitest';
import { poolGeometry } from './conv-geometry.js';
import { avgPoolGradNhwc, avgPoolNhwc, maxPoolGradNhwc, maxPoolNhwc } from './pool2d.js';

describe('NHWC pooling', () => {
  // A 3×3 image of two channels, 2×2 windows, stride 2, 'same': the edge windows hang over.
  const x = Float32Array.from([1, -1, 5, -5, 2, -2, 4, -4, 3, -3, 6, -6, 7, -7, 9, -9, 8, -8]);
  const g = poolGeometry([1, 3, 3, 2], { filterSize: 2, strides: 2, pad: 'same' });

  it('takes the maximum and the average of the input values under each window only', () => {
    expect(Array.from(maxPoolNhwc(x, g))).toEqual([5, -1, 6, -2, 9, -7, 8, -8]);
    expect(Array.from(avgPoolNhwc(x, g))).toEqual([13 / 4, -13 / 4, 4, -4, 8, -8, 8, -8].map(Math.fround));
  });

  it('sends gradients to the first maximum and evenly over the values averaged, into a zeroed dx', () => {
    const dy = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const dx = maxPoolGradNhwc(dy, x, g, new Float32Array(18).fill(NaN));
    expect(Array.from(dx)).toEqual([0, 2, 1, 0, 0, 4, 0, 0, 0, 0, 3, 0, 0, 6, 5, 0, 7, 8]);
    const avg = avgPoolGradNhwc(dy, g, new Float32Array(18).fill(NaN));
    expect(Array.from(avg.subarray(0, 2))).toEqual([0.25, 0.5]);
    expect(Array.from(avg.subarray(14, 18))).toEqual([2.5, 3, 7, 8]);
  });
});
