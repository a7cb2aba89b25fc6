import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { Dense } from './dense.js';
import { deserializeLayer, layerRegistry } from './registry.js';

beforeAll(() => activate('cpu'));

describe('Dense', () => {
  it('writes Keras config keys and defaults, and round-trips through the registry', () => {
    const d = new Dense({ units: 3, activation: 'relu', kernelRegularizer: 'l2', name: 'd1' });
    const config = d.getConfig();
    // tf.keras 2.15's Dense.get_config (as in the tf.keras 2.15 fixture's model_config): nested
    // objects serialized with `module` and `registered_name`, keys in this order.
    expect(Object.keys(config)).toEqual([
      'name', 'trainable', 'dtype', 'units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer',
      'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint',
    ]);
    expect(config).toEqual({
      name: 'd1', trainable: true, dtype: 'float32', units: 3, activation: 'relu', use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null },
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    const again = layerRegistry.get({ class_name: 'Dense', config });
    expect(again.getConfig()).toEqual(config);
  });

  it('computes relu(x W + b) by hand', () => {
    const d = new Dense({ units: 2, activation: 'relu' });
    d.build([null, 2]);
    d.setWeights([tf.tensor2d([[1, -1], [2, 0.5]]), tf.tensor1d([0.5, -3])]);
    // [1, 2] @ [[1, -1], [2, 0.5]] + [0.5, -3] = [1 + 4 + 0.5, -1 + 1 - 3] = [5.5, -3] → relu [5.5, 0]
    const y = d.apply(tf.tensor2d([[1, 2]]));
    expect(Array.from(y.dataSync())).toEqual([5.5, 0]);
  });

  it('the cpu loops match tf.fused.matMul forward and backward', () => {
    setRandomSeed(1);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      for (const activation of ['linear', 'relu'] as const) {
        const d = new Dense({ units: 5, activation });
        const x = tf.randomNormal([6, 7], 0, 1, 'float32', 3);
        d.build([null, 7]);
        const f = (generic: boolean) => (k: tf.Tensor, xx: tf.Tensor) =>
          tf.sum(tf.square(generic ? tf.fused.matMul({ a: xx as tf.Tensor2D, b: k as tf.Tensor2D, bias: d.bias, activation }) : d.linear(xx, activation === 'relu' ? 'relu' : 'linear')));
        const [gk1, gx1] = tf.grads(f(false))([d.kernel, x]);
        const [gk2, gx2] = tf.grads(f(true))([d.kernel, x]);
        expect(Array.from(gk1!.dataSync()).map((v, i) => v - gk2!.dataSync()[i]!).every((e) => Math.abs(e) < 1e-4)).toBe(true);
        expect(Array.from(gx1!.dataSync()).map((v, i) => v - gx2!.dataSync()[i]!).every((e) => Math.abs(e) < 1e-4)).toBe(true);
        d.dispose();
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('applies to the last axis of 3-D inputs', () => {
    const d = new Dense({ units: 4 });
    const y = d.apply(tf.ones([2, 3, 5]));
    expect(y.shape).toEqual([2, 3, 4]);
    expect(d.computeOutputShape([null, 3, 5])).toEqual([null, 3, 4]);
  });

  it('setWeights takes int32 values as float32 and leaves no tensor behind', () => {
    const d = new Dense({ units: 2 });
    d.build([null, 2]);
    const kernel = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    const bias = tf.tensor1d([5, 6], 'int32');
    const before = tf.memory().numTensors;
    d.setWeights([kernel, bias]);
    expect(tf.memory().numTensors).toBe(before);
    expect(d.kernel.dtype).toBe('float32');
    expect(Array.from(d.kernel.dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(d.bias!.dataSync())).toEqual([5, 6]);
    tf.dispose([kernel, bias]);
    d.dispose();
  });

  it('rejects bad options with the layer name and the value', () => {
    expect(() => new Dense({ units: 0, name: 'out' })).toThrowError('Invalid `units` of Dense layer "out": expected a positive integer, received 0.');
    expect(() => new Dense({ units: 2, activation: 'relux' })).toThrowError(/Unknown activation: "relux"/);
    expect(() => new Dense({ units: 2, kernelConstraint: 'max_norm' as never })).toThrowError(/kernelConstraint/);
    expect(() => deserializeLayer({ class_name: 'Dense', config: { units: 2, name: 'x', bogus: 1 } })).toThrowError(
      /Cannot load Dense layer "x": Unknown option "bogus"/,
    );
    expect(() => deserializeLayer({ class_name: 'Conv9D', config: {} })).toThrowError(/Unknown layer class: "Conv9D"/);
  });
});
