import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { expectGradientsMatchNumeric, fixed } from '../../test/gradient-check.js';
import { Reshape } from './reshape.js';
import { deserializeLayer } from './registry.js';

beforeAll(() => activate('cpu'));

describe('Reshape', () => {
  it("writes Keras's config (target_shape) and round-trips", () => {
    const config = new Reshape({ targetShape: [28, 28, 1], name: 'r' }).getConfig();
    expect(config).toEqual({ name: 'r', trainable: true, dtype: 'float32', target_shape: [28, 28, 1] });
    expect(deserializeLayer({ class_name: 'Reshape', config }).getConfig()).toEqual(config);
  });

  // Keras's docstring: Reshape((3, 4)) on (None, 12) → (None, 3, 4); Reshape((-1, 2, 2)) on
  // the same (None, 12) → (None, 3, 2, 2).
  it("gives Keras's docstring shapes and keeps the values in order", () => {
    expect(new Reshape({ targetShape: [3, 4] }).computeOutputShape([null, 12])).toEqual([null, 3, 4]);
    expect(new Reshape({ targetShape: [-1, 2, 2] }).computeOutputShape([null, 12])).toEqual([null, 3, 2, 2]);
    const y = new Reshape({ targetShape: [2, 3] }).apply(tf.tensor2d([[1, 2, 3, 4, 5, 6]]));
    expect(y.arraySync()).toEqual([[[1, 2, 3], [4, 5, 6]]]);
  });

  it('passes gradients through unchanged, without leaks', () => {
    const layer = new Reshape({ targetShape: [2, 3] });
    const x = tf.variable(fixed([2, 6], 3));
    const before = tf.memory().numTensors;
    expectGradientsMatchNumeric(() => tf.sum(tf.square(tf.mul(layer.apply(x), fixed([2, 2, 3], 4)))), [x]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('names the problem on bad input', () => {
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrowError(/at most one -1/);
    expect(() => new Reshape({ targetShape: [5], name: 'r' }).build([null, 12])).toThrowError(
      'Reshape layer "r" cannot give samples of shape (12,) (12 values) the target shape (5,).',
    );
    expect(() => new Reshape({ targetShape: [-1, 5] }).build([null, 12])).toThrowError(/cannot give samples/);
  });
});
