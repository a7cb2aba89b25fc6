import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { gatherRows, sliceRows } from './gather-rows.js';

afterAll(() => activate('cpu'));

describe.each(['cpu', 'wasm'] as const)('batch rows on %s', (backend) => {
  it('gatherRows and sliceRows equal tf.gather and tf.slice, for floats and ints, without leaks', async () => {
    await activate(backend);
    const x = tf.reshape(tf.range(0, 24), [4, 3, 2]);
    const y = tf.tensor1d([3, 1, 4, 1], 'int32');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const idx = Int32Array.from([3, 0, 3]);
      // Row 3 of x holds 18..23, row 0 holds 0..5.
      expect(Array.from(gatherRows(x, idx).dataSync())).toEqual([18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 18, 19, 20, 21, 22, 23]);
      expect(gatherRows(x, idx).shape).toEqual([3, 3, 2]);
      expect(Array.from(gatherRows(y, idx).dataSync())).toEqual([1, 3, 1]);
      expect(gatherRows(y, idx).dtype).toBe('int32');
      expect(Array.from(sliceRows(x, 1, 2).dataSync())).toEqual(Array.from(tf.slice(x, 1, 2).dataSync()));
      expect(sliceRows(y, 2, 2).arraySync()).toEqual([4, 1]);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });
});
