import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { expectGradientsMatchNumeric, fixed } from '../../test/gradient-check.js';
import { sequential } from '../sequential-factory.js';
import { BatchNormalization } from './batch-normalization.js';
import { Dense } from './dense.js';
import { deserializeLayer } from './registry.js';

beforeAll(() => activate('cpu'));

const KERAS_KEYS = [
  'name', 'trainable', 'dtype', 'axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer',
  'moving_mean_initializer', 'moving_variance_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint',
  'gamma_constraint', 'synchronized',
];
const read = (t: tf.Tensor) => Array.from(t.dataSync());
const farthest = (values: number[], target: number) => Math.max(...values.map((v) => Math.abs(v - target)));
/** Roughly normal values around `loc` with spread `scale` (sum of uniforms), fixed for every run. */
const normalish = (shape: number[], seed: number, loc: number, scale: number) =>
  tf.tidy(() => tf.add(tf.mul(tf.add(tf.add(fixed(shape, seed), fixed(shape, seed + 1)), fixed(shape, seed + 2)), scale), loc));

describe('BatchNormalization', () => {
  it("writes Keras 3's config keys and defaults (axis -1, momentum 0.99, epsilon 1e-3) and round-trips", () => {
    const config = new BatchNormalization({ name: 'bn' }).getConfig();
    expect(Object.keys(config)).toEqual(KERAS_KEYS);
    expect(config).toMatchObject({
      axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false,
      beta_initializer: { class_name: 'Zeros' }, gamma_initializer: { class_name: 'Ones' },
      moving_mean_initializer: { class_name: 'Zeros' }, moving_variance_initializer: { class_name: 'Ones' },
    });
    expect(deserializeLayer({ class_name: 'BatchNormalization', config }).getConfig()).toEqual(config);
  });

  it('reads the tf.keras 2 form: axis as a one-element list, renorm and fused at their defaults', () => {
    const layer = deserializeLayer({
      class_name: 'BatchNormalization',
      config: { name: 'bn', axis: [3], momentum: 0.9, epsilon: 0.001, center: true, scale: false, renorm: false, fused: null, virtual_batch_size: null },
    }) as BatchNormalization;
    expect([layer.axis, layer.momentum, layer.scale]).toEqual([3, 0.9, false]);
    expect(() => deserializeLayer({ class_name: 'BatchNormalization', config: { renorm: true } })).toThrowError(/`renorm`.*not supported/);
  });

  it("creates Keras's weights in Keras's order, two of them trainable", () => {
    const layer = new BatchNormalization();
    layer.build([null, 5, 5, 3]);
    expect(layer.weights.map((w) => [w.name, w.trainable, w.variable.shape])).toEqual([
      ['gamma', true, [3]], ['beta', true, [3]], ['moving_mean', false, [3]], ['moving_variance', false, [3]],
    ]);
    expect(layer.trainableWeights.map((w) => w.name)).toEqual(['gamma', 'beta']);
    layer.dispose();
  });

  it('normalizes by hand in training and moves the statistics; inference uses the moving ones', () => {
    const layer = new BatchNormalization();
    const x = tf.tensor2d([[1], [3]]);
    // batch mean 2, biased variance 1: (x - 2) / sqrt(1 + 0.001) = ±0.99950037
    const y = read(layer.apply(x, { training: true }));
    expect(y[0]).toBeCloseTo(-0.9995004, 6);
    expect(y[1]).toBeCloseTo(0.9995004, 6);
    // moving_mean = 0 * 0.99 + 2 * 0.01 = 0.02; moving_variance = 1 * 0.99 + 1 * 0.01 = 1
    const [, , movingMean, movingVariance] = layer.getWeights();
    expect(read(movingMean!)[0]).toBeCloseTo(0.02, 6);
    expect(read(movingVariance!)[0]).toBeCloseTo(1, 6);
    // inference: (x - 0.02) / sqrt(1 + 0.001), statistics unchanged
    expect(read(layer.apply(x))[1]).toBeCloseTo((3 - 0.02) / Math.sqrt(1.001), 5);
    expect(read(movingMean!)[0]).toBeCloseTo(0.02, 6);
  });

  // Keras's test_masked_broadcast_normalization (without the all-ones mask): ones of shape
  // (1, 2, 3, 4), momentum 0 → outputs 0, moving_mean 1, moving_variance 0.
  it("matches Keras's broadcast normalization test", () => {
    const layer = new BatchNormalization({ axis: -1, momentum: 0, epsilon: 1e-3 });
    const y = layer.apply(tf.ones([1, 2, 3, 4]), { training: true });
    expect(read(y).every((v) => Math.abs(v) < 1e-6)).toBe(true);
    const [, , mean, variance] = layer.getWeights();
    expect(read(mean!)).toEqual([1, 1, 1, 1]);
    expect(read(variance!)).toEqual([0, 0, 0, 0]);
  });

  // Keras's test_correctness: momentum 0, data centred on 5 with spread 10, three training passes
  // (each on the previous output): mean 0, std 1, moving_mean 0 and moving_variance 1 (atol 1e-3);
  // then inference after a training pass equals that training pass. Axis -1 and axis 1.
  it("matches Keras's correctness test on both axes", () => {
    for (const axis of [-1, 1]) {
      const layer = new BatchNormalization({ axis, momentum: 0 });
      const x = normalish([5, 3, 3, 2], 11, 5, 10);
      let out = x;
      for (let i = 0; i < 3; i++) out = layer.apply(out, { training: true });
      const reduction = axis === -1 ? [0, 1, 2] : [0, 2, 3];
      const moments = tf.moments(out, reduction);
      expect(farthest(read(moments.mean), 0)).toBeLessThan(1e-3);
      expect(farthest(read(tf.sqrt(moments.variance)), 1)).toBeLessThan(1e-3);
      const [, , mean, variance] = layer.getWeights();
      expect(farthest(read(mean!), 0)).toBeLessThan(1e-3);
      expect(farthest(read(variance!), 1)).toBeLessThan(1e-3);
      const training = read(layer.apply(x, { training: true }));
      const inference = read(layer.apply(x));
      training.forEach((v, i) => expect(Math.abs(v - inference[i]!)).toBeLessThan(1e-4));
    }
  });

  // Keras's test_trainable_behavior: a frozen layer runs in inference mode even in training.
  it('runs in inference mode and keeps its statistics when not trainable', () => {
    const layer = new BatchNormalization({ epsilon: 1e-7 });
    layer.build([null, 4, 4, 3]);
    layer.trainable = false;
    expect(layer.trainableWeights).toHaveLength(0);
    const x = normalish([20, 4, 4, 3], 3, 5, 10);
    const out = read(layer.apply(x, { training: true }));
    read(x).forEach((v, i) => expect(out[i]).toBeCloseTo(v, 4));
    expect(read(layer.getWeights()[2]!)).toEqual([0, 0, 0]);
  });

  it('has training-mode gradients (input, gamma, beta) matching central differences, without leaks', () => {
    const layer = new BatchNormalization();
    layer.build([null, 3, 2]);
    tf.tidy(() => layer.setWeights([tf.tensor1d([1.5, 0.5]), tf.tensor1d([0.1, -0.2]), tf.zeros([2]), tf.ones([2])]));
    const x = tf.variable(fixed([4, 3, 2], 9, 2));
    const w = fixed([4, 3, 2], 10);
    const before = tf.memory().numTensors;
    const [gamma, beta] = layer.trainableWeights.map((t) => t.variable);
    expectGradientsMatchNumeric(() => tf.sum(tf.square(tf.mul(layer.apply(x, { training: true }), w))), [x, gamma!, beta!]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });

  it('moves its statistics in fit only; evaluate and predict leave them, and nothing leaks', async () => {
    const model = sequential([new BatchNormalization({ inputShape: [3] }), new Dense({ units: 1 })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = normalish([32, 3], 21, 4, 2);
    const y = tf.ones([32, 1]);
    const stats = () => model.layers[0]!.getWeights().slice(2).map(read);
    const initial = stats();
    const before = tf.memory().numTensors;
    await model.evaluate(x, y, { verbose: 0 });
    tf.dispose(await model.predict(x));
    expect(stats()).toEqual(initial);
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const [mean] = stats();
    expect(mean!.every((v, i) => v !== initial[0]![i])).toBe(true);
    model.dispose();
    tf.dispose([x, y]);
  });
});
