import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { addChannelAxis } from './add-channel-axis.js';
import { arrayDataset } from './array-dataset.js';

beforeAll(() => useBackend(cpuBackend()));

describe('addChannelAxis (np.expand_dims(x, -1))', () => {
  it('turns [n, 28, 28] tensors into [n, 28, 28, 1] with the same values', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    const y = addChannelAxis(x);
    expect(y.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    tf.dispose([x, y]);
  });

  it('gives datasets a channel axis in sampleShape and in every batch, slices included, without leaks', () => {
    const data = addChannelAxis(arrayDataset({ x: Uint8Array.from([0, 255, 51, 102, 1, 2, 3, 4]), y: Uint8Array.from([3, 7]), sampleShape: [2, 2], scale: 1 / 255 }));
    expect([data.length, data.sampleShape, data.labelShape]).toEqual([2, [2, 2, 1], []]);
    const before = tf.memory().numTensors;
    const { x, y } = data.take([1, 0]);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    // sample 0 second: [0, 255, 51, 102] / 255
    expect(Array.from(x.dataSync()).slice(4)).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    expect(Array.from(y.dataSync())).toEqual([7, 3]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
    expect(data.slice(1, 2).sampleShape).toEqual([2, 2, 1]);
    expect(Array.from(data.slice(1, 2).labels())).toEqual([7]);
  });

  it('refuses anything else', () => {
    expect(() => addChannelAxis([1, 2] as never)).toThrowError(/a tensor or an ArrayDataset/);
  });
});
