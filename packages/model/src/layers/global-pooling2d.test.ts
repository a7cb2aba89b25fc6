import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { expectGradientsMatchNumeric } from '../../test/gradient-check.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { deserializeLayer } from './registry.js';

beforeAll(() => activate('cpu'));

describe('GlobalAveragePooling2D and GlobalMaxPooling2D', () => {
  it("write Keras's config (data_format, keepdims) and round-trip, aliases included", () => {
    for (const cls of [GlobalAveragePooling2D, GlobalMaxPooling2D]) {
      const config = new cls({ name: 'g' }).getConfig();
      expect(config).toEqual({ name: 'g', trainable: true, dtype: 'float32', data_format: 'channels_last', keepdims: false });
      expect(deserializeLayer({ class_name: cls.className, config }).getConfig()).toEqual(config);
    }
    expect(deserializeLayer({ class_name: 'GlobalAvgPool2D', config: { keepdims: true } }).className).toBe('GlobalAveragePooling2D');
  });

  // Keras's GlobalAveragePoolingCorrectnessTest input: np.arange(96).reshape((2, 3, 4, 4)). Cell
  // (n, h, w, c) holds 48n + 16h + 4w + c: the mean over h in 0..2, w in 0..3 is 48n + 16 + 6 + c,
  // the max 48n + 32 + 12 + c.
  it("match Keras's correctness test input, with and without keepdims", () => {
    const x = tf.reshape(tf.range(0, 96), [2, 3, 4, 4]);
    const avg = new GlobalAveragePooling2D().apply(x);
    expect(avg.shape).toEqual([2, 4]);
    expect(Array.from(avg.dataSync())).toEqual([22, 23, 24, 25, 70, 71, 72, 73]);
    const max = new GlobalMaxPooling2D({ keepdims: true }).apply(x);
    expect(max.shape).toEqual([2, 1, 1, 4]);
    expect(Array.from(max.dataSync())).toEqual([44, 45, 46, 47, 92, 93, 94, 95]);
    // Keras's docstring: (2, 4, 5, 3) → (2, 3).
    expect(new GlobalAveragePooling2D().computeOutputShape([2, 4, 5, 3])).toEqual([2, 3]);
  });

  it('have gradients matching central differences, without leaks', () => {
    // Distinct values 0.05 apart, so no ±0.01 probe changes which cell is the max.
    const x = tf.variable(tf.tensor4d(Array.from({ length: 48 }, (_, i) => ((i * 29) % 48) * 0.05 - 1), [2, 3, 4, 2]));
    const before = tf.memory().numTensors;
    for (const layer of [new GlobalAveragePooling2D(), new GlobalMaxPooling2D()]) {
      expectGradientsMatchNumeric(() => tf.sum(tf.square(layer.apply(x))), [x]);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('name the problem on bad input', () => {
    expect(() => new GlobalMaxPooling2D({ name: 'g' }).apply(tf.ones([2, 3, 4]))).toThrowError(/GlobalMaxPooling2D layer "g" expects inputs of rank 4/);
    expect(() => new GlobalAveragePooling2D({ dataFormat: 'channels_first' as never })).toThrowError(/'channels_first' is not supported/);
    expect(() => new GlobalAveragePooling2D({ keepdims: 1 as never })).toThrowError(/`keepdims`/);
  });
});
