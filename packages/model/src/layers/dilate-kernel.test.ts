import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { dilateKernel } from './dilate-kernel.js';

beforeAll(() => activate('cpu'));

describe('dilateKernel', () => {
  it('puts tap (i, j) at (i * rate[0], j * rate[1]) and zeros elsewhere, for every channel pair', () => {
    const shape = [2, 3, 2, 3] as const;
    const values = Array.from({ length: 36 }, (_, i) => i + 1);
    const kernel = tf.tensor4d(values, [...shape]);
    const before = tf.memory().numTensors;
    const out = dilateKernel(kernel, [3, 2]);
    // (2 - 1) * 3 + 1 = 4 rows, (3 - 1) * 2 + 1 = 5 columns.
    expect(out.shape).toEqual([4, 5, 2, 3]);
    const got = out.arraySync();
    const want = kernel.arraySync();
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 5; c++) {
        const tap = r % 3 === 0 && c % 2 === 0 ? want[r / 3]![c / 2]! : [[0, 0, 0], [0, 0, 0]];
        expect(got[r]![c], `row ${r}, column ${c}`).toEqual(tap);
      }
    }
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    kernel.dispose();
  });

  it('returns the kernel itself for rate [1, 1], and dilates one axis alone', () => {
    const kernel = tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1]);
    expect(dilateKernel(kernel, [1, 1])).toBe(kernel);
    const wide = dilateKernel(kernel, [1, 3]);
    expect(wide.shape).toEqual([2, 4, 1, 1]);
    expect(Array.from(wide.dataSync())).toEqual([1, 0, 0, 2, 3, 0, 0, 4]);
    tf.dispose([kernel, wide]);
  });
});
