import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { arrayDataset } from './array-dataset.js';

// Three 2×2 byte "images" and their labels.
const x = Uint8Array.from([0, 51, 102, 255, 10, 20, 30, 40, 255, 255, 0, 0]);
const y = Uint8Array.from([4, 7, 9]);

describe('arrayDataset', () => {
  it('builds a scaled float32 batch of the requested samples only', () => {
    const ds = arrayDataset({ x, y, sampleShape: [2, 2], scale: 1 / 255 });
    expect([ds.length, ds.sampleShape, ds.labelShape]).toEqual([3, [2, 2], []]);
    const before = tf.memory().numTensors;
    const batch = ds.take([2, 0]);
    expect(batch.x.shape).toEqual([2, 2, 2]);
    expect(batch.x.dtype).toBe('float32');
    // Sample 2 then sample 0, each byte times 1/255: 255/255 = 1, 51/255 = 0.2, 102/255 = 0.4.
    expect(Array.from(batch.x.dataSync())).toEqual(
      [255, 255, 0, 0, 0, 51, 102, 255].map((v) => Math.fround(v * (1 / 255))),
    );
    expect(batch.y.dtype).toBe('int32');
    expect(Array.from(batch.y.dataSync())).toEqual([9, 4]);
    tf.dispose([batch.x, batch.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps float labels float and infers a per-sample label shape (one-hot)', () => {
    const oneHot = Float32Array.from([0, 1, 1, 0, 0, 1]);
    const ds = arrayDataset({ x: Float32Array.from([0.5, 1.5, 2.5]), y: oneHot, sampleShape: [1] });
    expect(ds.labelShape).toEqual([2]);
    const { x: bx, y: by } = ds.take([1]);
    expect([bx.dataSync()[0], by.dtype, by.shape, Array.from(by.dataSync())]).toEqual([1.5, 'float32', [1, 2], [1, 0]]);
    tf.dispose([bx, by]);
  });

  it('scales float samples too, and gives the stored labels as a view', () => {
    const ds = arrayDataset({ x: Float32Array.from([2, 4, 6, 8]), y: Int32Array.from([1, 0]), sampleShape: [2], scale: 0.5 });
    // Sample 1 is [6, 8]; times 0.5: [3, 4].
    const { x: bx, y: by } = ds.take([1]);
    expect([Array.from(bx.dataSync()), Array.from(by.dataSync())]).toEqual([[3, 4], [0]]);
    tf.dispose([bx, by]);
    expect(Array.from(ds.labels())).toEqual([1, 0]);
    expect(Array.from(arrayDataset({ x, y, sampleShape: [4] }).slice(1, 3).labels())).toEqual([7, 9]);
  });

  it('slices without copying and keeps working on the slice', () => {
    const ds = arrayDataset({ x, y, sampleShape: [2, 2] }).slice(1, 3);
    expect(ds.length).toBe(2);
    const { x: bx, y: by } = ds.take([0]);
    expect(Array.from(bx.dataSync())).toEqual([10, 20, 30, 40]);
    expect(Array.from(by.dataSync())).toEqual([7]);
    tf.dispose([bx, by]);
    expect(arrayDataset({ x, y, sampleShape: [2, 2] }).slice(2, 99).length).toBe(1);
  });

  it('rejects inconsistent arrays and bad indices', () => {
    expect(() => arrayDataset({ x, y, sampleShape: [5] })).toThrowError(
      'x has 12 values, not a whole number of samples of shape [5].',
    );
    expect(() => arrayDataset({ x, y: Uint8Array.from([1, 2]), sampleShape: [4] })).toThrowError(
      'x holds 3 samples, but y has 2 values (not a whole number per sample).',
    );
    const ds = arrayDataset({ x, y, sampleShape: [4] });
    const before = tf.memory().numTensors;
    expect(() => ds.take([0, 3])).toThrowError('Invalid sample index: expected an integer in [0, 3), received 3.');
    expect(tf.memory().numTensors).toBe(before);
  });
});
