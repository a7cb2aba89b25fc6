import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { UnknownIdentifierError } from '@neuralkit/core';
import { expectClose, useBackend } from '../test/helpers.js';
import * as losses from './index.js';
import { get, lossRegistry, serialize } from './registry.js';

/** Every Keras 3 name and alias, plus the camelCase names tfjs-layers users type. */
const NAMES: Record<string, string[]> = {
  MeanSquaredError: ['mse', 'MSE', 'mean_squared_error', 'MeanSquaredError', 'meanSquaredError'],
  MeanAbsoluteError: ['mae', 'MAE', 'mean_absolute_error', 'MeanAbsoluteError', 'meanAbsoluteError'],
  MeanAbsolutePercentageError: ['mape', 'MAPE', 'mean_absolute_percentage_error', 'meanAbsolutePercentageError'],
  MeanSquaredLogarithmicError: ['msle', 'MSLE', 'mean_squared_logarithmic_error', 'meanSquaredLogarithmicError'],
  Huber: ['huber', 'huber_loss', 'Huber'],
  LogCosh: ['logcosh', 'log_cosh', 'LogCosh', 'logCosh'],
  Poisson: ['poisson', 'Poisson'],
  KLDivergence: ['kld', 'KLD', 'kl_divergence', 'kullback_leibler_divergence', 'KLDivergence', 'kullbackLeiblerDivergence'],
  CosineSimilarity: ['cosine_similarity', 'CosineSimilarity', 'cosineProximity', 'cosine_proximity'],
  Hinge: ['hinge', 'Hinge'],
  SquaredHinge: ['squared_hinge', 'SquaredHinge', 'squaredHinge'],
  CategoricalHinge: ['categorical_hinge', 'CategoricalHinge', 'categoricalHinge'],
  BinaryCrossentropy: ['binary_crossentropy', 'BinaryCrossentropy', 'binaryCrossentropy'],
  CategoricalCrossentropy: ['categorical_crossentropy', 'CategoricalCrossentropy', 'categoricalCrossentropy'],
  SparseCategoricalCrossentropy: [
    'sparse_categorical_crossentropy',
    'SparseCategoricalCrossentropy',
    'sparseCategoricalCrossentropy',
  ],
};

describe('get / serialize', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(Object.entries(NAMES))('%s: every alias', (className, aliases) => {
    for (const alias of aliases) expect(get(alias).className, alias).toBe(className);
  });

  it('round-trips every class through serialize/get', () => {
    for (const className of Object.keys(NAMES)) {
      const loss = get(className);
      const again = get(serialize(loss));
      expect(again.className).toBe(className);
      expect(again.getConfig()).toEqual(loss.getConfig());
      expect(get(loss)).toBe(loss);
    }
  });

  it('accepts Keras 3 function forms and plain functions', () => {
    expect(get({ class_name: 'function', config: 'mean_squared_error' } as never).className).toBe('MeanSquaredError');
    const wrapped = get({ class_name: 'LossFunctionWrapper', config: { fn: 'huber', name: 'h', reduction: 'sum' } });
    expect(wrapped.getConfig()).toEqual({ name: 'h', reduction: 'sum', delta: 1 });
    expect(get(losses.meanSquaredError).className).toBe('MeanSquaredError');
    expect(get(losses.sparseCategoricalCrossentropy).className).toBe('SparseCategoricalCrossentropy');
    const custom = get(function doubled(t: tf.Tensor, p: tf.Tensor) {
      return tf.mul(2, tf.mean(tf.abs(tf.sub(t, p)), -1));
    });
    expect(custom.className).toBe('LossFunctionWrapper');
    expect(custom.getConfig()).toEqual({ name: 'doubled', reduction: 'sum_over_batch_size', fn: 'doubled' });
    expectClose(custom.compute([[0, 0]], [[1, 3]], [0.5]), 2);
  });

  it('lists the known names for an unknown one', () => {
    expect(() => get('msq')).toThrow(UnknownIdentifierError);
    expect(() => get('msq')).toThrow(/Unknown loss: "msq". Known loss names: .*MeanSquaredError, mse/);
    expect(lossRegistry.names()).toContain('SparseCategoricalCrossentropy');
  });
});
