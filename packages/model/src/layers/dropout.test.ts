import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { L1L2, get as getRegularizer } from '../regularizers/regularizer.js';
import { Dropout } from './dropout.js';

beforeAll(() => activate('cpu'));

describe('Dropout', () => {
  it('is the identity in inference and drops a rate fraction, scaled by 1 / (1 - rate), in training', () => {
    const d = new Dropout({ rate: 0.25 });
    const x = tf.ones([1000]);
    expect(d.apply(x)).toBe(x);
    setRandomSeed(1);
    const y = Array.from(d.apply(x, { training: true }).dataSync());
    const kept = y.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / 1000 - 0.75)).toBeLessThan(0.05);
    setRandomSeed(1);
    expect(Array.from(d.apply(x, { training: true }).dataSync())).toEqual(y);
  });

  it('config round trip and bad rate', () => {
    const config = new Dropout({ rate: 0.2, name: 'drop' }).getConfig();
    expect(config).toEqual({ name: 'drop', trainable: true, dtype: 'float32', rate: 0.2, noise_shape: null, seed: null });
    // tf.keras 2.15's key order (the tf.keras 2.15 fixture): rate, noise_shape, seed.
    expect(Object.keys(config)).toEqual(['name', 'trainable', 'dtype', 'rate', 'noise_shape', 'seed']);
    expect(() => new Dropout({ rate: 1, name: 'd' })).toThrowError('Invalid `rate` of Dropout layer "d": expected a number in [0, 1), received 1.');
  });
});

describe('regularizers', () => {
  it('l1_l2 penalty by hand: 0.1 * (1 + 2) + 0.5 * (1 + 4) = 2.8', () => {
    const r = new L1L2({ l1: 0.1, l2: 0.5 });
    expect(r.apply(tf.tensor1d([1, -2])).dataSync()[0]).toBeCloseTo(2.8, 6);
    expect(getRegularizer('l2').getConfig()).toEqual({ l2: 0.01 });
  });
});
