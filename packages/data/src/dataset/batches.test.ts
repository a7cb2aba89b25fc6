import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { arrayDataset } from './array-dataset.js';
import { batchIndices, batches } from './batches.js';
import { shuffledIndices } from './shuffled-indices.js';

const asArrays = (list: Int32Array[]) => list.map((b) => Array.from(b));

describe('batching and seeded shuffling', () => {
  it('splits an epoch into ceil(n / batchSize) batches, the last one smaller (as Keras)', () => {
    // 10 samples in batches of 4: 4 + 4 + 2.
    expect(asArrays(batchIndices(10, 4))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(batchIndices(0, 4)).toEqual([]);
    expect(() => batchIndices(10, 0)).toThrowError('Invalid `batchSize`: expected a positive integer, received 0.');
  });

  it('shuffles reproducibly under setRandomSeed, to a permutation', () => {
    setRandomSeed(1337);
    const a = asArrays(batchIndices(100, 32, { shuffle: true }));
    const a2 = asArrays(batchIndices(100, 32, { shuffle: true })); // the next epoch draws a new order
    setRandomSeed(1337);
    const b = asArrays(batchIndices(100, 32, { shuffle: true }));
    expect(b).toEqual(a);
    expect(a2).not.toEqual(a);
    expect(a.flat().sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a.flat()).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    setRandomSeed(1338);
    expect(Array.from(shuffledIndices(100))).not.toEqual(a.flat());
  });

  it('yields tensor batches that cover the dataset once, leaking nothing', () => {
    const ds = arrayDataset({ x: Float32Array.from({ length: 7 }, (_, i) => i), y: Int32Array.from({ length: 7 }, (_, i) => i), sampleShape: [1] });
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    setRandomSeed(3);
    for (const { x, y, indices, batch } of batches(ds, 3, { shuffle: true })) {
      expect(x.shape).toEqual([indices.length, 1]);
      expect(Array.from(x.dataSync())).toEqual(Array.from(indices)); // sample i holds the value i
      seen.push(...Array.from(y.dataSync()));
      expect(batch).toBe(Math.floor((seen.length - 1) / 3));
      tf.dispose([x, y]);
    }
    expect(seen.sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
