import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { expectGradientsMatchNumeric, fixed } from '../../test/gradient-check.js';
import { Conv2D } from './conv2d.js';
import { deserializeLayer } from './registry.js';

beforeAll(() => activate('cpu'));

const KERAS_KEYS = [
  'name', 'trainable', 'dtype', 'filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups',
  'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer',
  'activity_regularizer', 'kernel_constraint', 'bias_constraint',
];

describe('Conv2D', () => {
  it("writes Keras's config keys (BaseConv.get_config order) and defaults, and round-trips", () => {
    const config = new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', name: 'c' }).getConfig();
    expect(Object.keys(config)).toEqual(KERAS_KEYS);
    expect(config).toMatchObject({
      filters: 32, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last',
      dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros' },
    });
    expect(deserializeLayer({ class_name: 'Conv2D', config }).getConfig()).toEqual(config);
  });

  it('reads the Keras 3 form (dtype policy, lora_rank) and the tf.keras 2 alias Convolution2D', () => {
    const keras3 = {
      name: 'conv2d', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
      filters: 4, kernel_size: [3, 2], strides: [2, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1],
      groups: 1, activation: 'linear', use_bias: false, kernel_initializer: { module: 'keras.initializers', class_name: 'HeNormal', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    };
    const layer = deserializeLayer({ class_name: 'Conv2D', config: keras3 }) as Conv2D;
    expect([layer.kernelSize, layer.strides, layer.padding, layer.useBias]).toEqual([[3, 2], [2, 1], 'same', false]);
    expect(deserializeLayer({ class_name: 'Convolution2D', config: { filters: 2, kernel_size: 3 } }).className).toBe('Conv2D');
  });

  it("gives Keras's docstring shape: (4, 10, 10, 128) → Conv2D(32, 3, relu) → (4, 8, 8, 32)", () => {
    const layer = new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu' });
    const y = layer.apply(tf.ones([4, 10, 10, 128]));
    expect(y.shape).toEqual([4, 8, 8, 32]);
    expect(layer.kernel.shape).toEqual([3, 3, 128, 32]);
    expect(layer.countParams()).toBe(3 * 3 * 128 * 32 + 32);
    tf.dispose(y);
    layer.dispose();
  });

  // Outputs tf.keras printed for Conv2D(2, (2, 2), relu, use_bias=False) with a Constant kernel
  // initializer (values 0.11, 0.12, 0.21, 0.22, 1.11, 1.12, 1.21, 1.22 in [h, w, in, out] order) on the
  // 4×4 input 11..44: github.com/jvanecek/tf-smalltalk-python-tests, Convolution2DTests.py.
  // E.g. (0, 0, filter 0): 11·0.11 + 12·0.21 + 21·1.11 + 22·1.21 = 53.66.
  it('matches tf.keras outputs for a 2-filter 2×2 relu convolution', () => {
    const layer = new Conv2D({ filters: 2, kernelSize: [2, 2], activation: 'relu', useBias: false });
    layer.build([null, 4, 4, 1]);
    layer.setWeights([tf.tensor4d([0.11, 0.12, 0.21, 0.22, 1.11, 1.12, 1.21, 1.22], [2, 2, 1, 2])]);
    const x = tf.tensor4d([11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33, 34, 41, 42, 43, 44], [1, 4, 4, 1]);
    const keras = [
      53.660004, 54.32, 56.300003, 57, 58.940002, 59.68,
      80.06, 81.12, 82.700005, 83.8, 85.34, 86.48,
      106.46001, 107.92, 109.100006, 110.600006, 111.740005, 113.28,
    ];
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 3, 3, 2]);
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(keras[i]!, 4));
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('computes a 2×2 all-ones kernel by hand, valid and same (padding below and right, as TensorFlow)', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const valid = new Conv2D({ filters: 1, kernelSize: 2 });
    valid.build([null, 3, 3, 1]);
    valid.setWeights([tf.ones([2, 2, 1, 1]), tf.tensor1d([0.5])]);
    // windows: 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28; plus bias 0.5
    expect(Array.from(valid.apply(x).dataSync())).toEqual([12.5, 16.5, 24.5, 28.5]);
    const same = new Conv2D({ filters: 1, kernelSize: 2, strides: 2, padding: 'same' });
    same.build([null, 3, 3, 1]);
    same.setWeights([tf.ones([2, 2, 1, 1]), tf.tensor1d([0.5])]);
    // ceil(3 / 2) = 2; one padded row/column at the bottom/right: 1+2+4+5 = 12, 3+6 = 9, 7+8 = 15, 9
    const y = same.apply(x);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([12.5, 9.5, 15.5, 9.5]);
  });

  it('its gradients (kernel, bias, input) match central differences, dilated ones included', () => {
    for (const options of [{ padding: 'valid' as const, strides: 1 }, { padding: 'same' as const, strides: 2 }, { padding: 'same' as const, dilationRate: 2 }]) {
      const layer = new Conv2D({ filters: 3, kernelSize: 2, activation: 'tanh', ...options });
      layer.build([null, 4, 5, 2]);
      tf.tidy(() => layer.setWeights([fixed([2, 2, 2, 3], 1, 0.5), fixed([3], 2, 0.1)]));
      const x = tf.variable(fixed([2, 4, 5, 2], 3));
      const before = tf.memory().numTensors;
      expectGradientsMatchNumeric(() => tf.sum(tf.square(layer.apply(x))), [layer.kernel, layer.bias!, x]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      layer.dispose();
    }
  });

  it('a dilated kernel gives the dilated convolution: rate 2 on a 5×5 input reads every other cell', () => {
    const layer = new Conv2D({ filters: 1, kernelSize: 2, dilationRate: 2, useBias: false });
    layer.build([null, 5, 5, 1]);
    layer.setWeights([tf.tensor4d([1, 10, 100, 1000], [2, 2, 1, 1])]);
    const x = tf.tensor4d(Array.from({ length: 25 }, (_, i) => i), [1, 5, 5, 1]);
    // output (0, 0): x[0,0]*1 + x[0,2]*10 + x[2,0]*100 + x[2,2]*1000 = 0 + 20 + 1000 + 12000
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 3, 3, 1]);
    expect(y.dataSync()[0]).toBe(13020);
  });

  it('leaves no tensor behind in apply', () => {
    const layer = new Conv2D({ filters: 2, kernelSize: 3, activation: 'sigmoid' });
    layer.build([null, 5, 5, 1]);
    const x = tf.ones([1, 5, 5, 1]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      layer.apply(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    layer.dispose();
  });

  it('names the problem on bad input', () => {
    expect(() => new Conv2D({ filters: 0, kernelSize: 3, name: 'c' })).toThrowError(
      'Invalid `filters` of Conv2D layer "c": expected a positive integer, received 0.',
    );
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: 0, name: 'c' })).toThrowError(/`strides` of Conv2D layer "c": expected a positive integer or a list of 2 positive integers, received 0/);
    expect(() => new Conv2D({ filters: 2, kernelSize: [3, -1], name: 'c' })).toThrowError(/`kernel_size`/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' as never, name: 'c' })).toThrowError(/'channels_first' is not supported/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrowError(/cannot be combined/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, groups: 2 })).toThrowError(/`groups`/);
    const c = new Conv2D({ filters: 2, kernelSize: 3, name: 'c' });
    expect(() => c.apply(tf.ones([2, 28, 28]))).toThrowError(
      /Conv2D layer "c" expects inputs of rank 4 \(batch, height, width, channels\), received shape \(None, 28, 28\) \(rank 3\)\. Add a channel axis first: `addChannelAxis\(x\)`/,
    );
    expect(() => c.build([null, 2, 8, 1])).toThrowError(
      "Conv2D layer \"c\": the window of 3 along height is larger than the input's 2 with padding 'valid'; use padding 'same' or a larger input.",
    );
    expect(c.weights).toHaveLength(0);
  });
});
