import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { confusionMatrix } from './confusion-matrix.js';

describe.each(['cpu', 'wasm'] as const)('confusionMatrix on %s', (backend) => {
  it('counts (true, predicted) pairs, ignoring classes out of range', async () => {
    await activate(backend);
    const before = tf.memory().numTensors;
    const labels = tf.tensor1d([0, 1, 1, 2, 2, 1], 'int32');
    const predicted = tf.tensor1d([0, 1, 2, 2, 2, 7], 'int32');
    // pairs (0,0) (1,1) (1,2) (2,2) (2,2); (1,7) is outside 3 classes
    const counts = confusionMatrix(labels, predicted, 3);
    expect(counts.dtype).toBe('int32');
    expect(await counts.array()).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
    // The same as tf.math.confusionMatrix where that runs (CPU).
    if (backend === 'cpu') {
      const [ours, reference] = tf.tidy(() => {
        const inRange = tf.tensor1d([0, 1, 2, 2, 2, 0], 'int32');
        return [confusionMatrix(labels, inRange, 3), tf.math.confusionMatrix(labels, inRange, 3)];
      });
      expect(await ours.array()).toEqual(await reference.array());
      tf.dispose([ours, reference]);
    }
    tf.dispose([labels, predicted, counts]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
