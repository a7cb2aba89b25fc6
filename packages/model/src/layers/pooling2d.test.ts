import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { expectGradientsMatchNumeric } from '../../test/gradient-check.js';
import { AveragePooling2D } from './average-pooling2d.js';
import { MaxPooling2D } from './max-pooling2d.js';
import { deserializeLayer } from './registry.js';

beforeAll(() => activate('cpu'));

const grid = (rows: number, cols: number) => tf.tensor4d(Array.from({ length: rows * cols }, (_, i) => i + 1), [1, rows, cols, 1]);
const values = (layer: MaxPooling2D | AveragePooling2D, x: tf.Tensor) => Array.from(layer.apply(x).dataSync());

describe('MaxPooling2D and AveragePooling2D', () => {
  it("write Keras's config (BasePooling.get_config: pool_size, padding, strides, data_format) and round-trip", () => {
    for (const cls of [MaxPooling2D, AveragePooling2D]) {
      const config = new cls({ name: 'p' }).getConfig();
      expect(config).toEqual({ name: 'p', trainable: true, dtype: 'float32', pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' });
      expect(Object.keys(config)).toEqual(['name', 'trainable', 'dtype', 'pool_size', 'padding', 'strides', 'data_format']);
      expect(deserializeLayer({ class_name: cls.className, config }).getConfig()).toEqual(config);
    }
    // Keras 3 writes strides null when not given in some versions; tf.keras aliases MaxPool2D / AvgPool2D.
    const p = deserializeLayer({ class_name: 'MaxPool2D', config: { pool_size: [3, 3], strides: null, padding: 'same' } }) as MaxPooling2D;
    expect([p.className, p.strides, p.padding]).toEqual(['MaxPooling2D', [3, 3], 'same']);
  });

  // The examples of Keras's MaxPooling2D / AveragePooling2D docstrings, with the outputs Keras prints
  // (rendered in the R keras3 reference: man-src/layer_{max,average}_pooling_2d/3-rendered.md).
  it("reproduce Keras's docstring examples", () => {
    expect(values(new MaxPooling2D({ poolSize: 2, strides: 1, padding: 'valid' }), grid(3, 3))).toEqual([5, 6, 8, 9]);
    expect(values(new MaxPooling2D({ poolSize: 2, strides: 2, padding: 'valid' }), grid(3, 4))).toEqual([6, 8]);
    expect(values(new MaxPooling2D({ poolSize: 2, strides: 1, padding: 'same' }), grid(3, 3))).toEqual([5, 6, 6, 8, 9, 9, 8, 9, 9]);
    expect(values(new AveragePooling2D({ poolSize: 2, strides: 1, padding: 'valid' }), grid(3, 3))).toEqual([3, 4, 6, 7]);
    expect(values(new AveragePooling2D({ poolSize: 2, strides: 2, padding: 'valid' }), grid(3, 4))).toEqual([3.5, 5.5]);
    expect(values(new AveragePooling2D({ poolSize: 2, strides: 1, padding: 'same' }), grid(3, 3))).toEqual([3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9]);
  });

  it('give output shapes as Keras: floor((n - pool) / stride) + 1, or ceil(n / stride) with same', () => {
    expect(new MaxPooling2D().computeOutputShape([null, 26, 26, 32])).toEqual([null, 13, 13, 32]);
    expect(new MaxPooling2D().computeOutputShape([null, 11, 11, 64])).toEqual([null, 5, 5, 64]);
    expect(new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }).computeOutputShape([null, 7, 8, 3])).toEqual([null, 4, 4, 3]);
  });

  it('have gradients matching central differences, without leaks', () => {
    for (const layer of [new MaxPooling2D({ poolSize: 2, strides: 1 }), new AveragePooling2D({ poolSize: 2, padding: 'same' })]) {
      // Distinct values 0.03 apart (a permutation), so no ±0.01 probe changes which cell is the max.
      const x = tf.variable(tf.tensor4d(Array.from({ length: 150 }, (_, i) => ((i * 37) % 150) * 0.03 - 2), [2, 5, 5, 3]));
      const before = tf.memory().numTensors;
      expectGradientsMatchNumeric(() => tf.sum(tf.square(layer.apply(x))), [x]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    }
  });

  it('name the problem on bad input', () => {
    expect(() => new MaxPooling2D({ poolSize: 0, name: 'p' })).toThrowError(/`pool_size` of MaxPooling2D layer "p"/);
    expect(() => new AveragePooling2D({ strides: [1, -1], name: 'p' })).toThrowError(/`strides` of AveragePooling2D layer "p"/);
    expect(() => new MaxPooling2D({ padding: 'full' as never })).toThrowError(/'valid' or 'same'/);
    expect(() => new MaxPooling2D({ dataFormat: 'channels_first' as never })).toThrowError(/'channels_first' is not supported/);
    expect(() => new MaxPooling2D({ name: 'p' }).apply(tf.ones([1, 4, 4]))).toThrowError(/MaxPooling2D layer "p" expects inputs of rank 4/);
    expect(() => new MaxPooling2D({ poolSize: 3, name: 'p' }).build([null, 2, 5, 1])).toThrowError(/window of 3 along height is larger than the input's 2/);
  });
});
