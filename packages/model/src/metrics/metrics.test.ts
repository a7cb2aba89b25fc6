import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { get, metricRegistry, serialize } from './registry.js';
import { isShorthand, resolveAccuracy, resolveCrossentropy } from './shorthand.js';

beforeAll(() => activate('cpu'));

describe('metrics', () => {
  it('sparse categorical accuracy: a weighted running mean over batches', () => {
    const m = get('sparse_categorical_accuracy');
    const before = tf.memory().numTensors;
    // batch 1: argmax [1, 0] vs labels [1, 1] → hits [1, 0], weights [1, 3] → 1 / 4
    tf.tidy(() => m.updateState(tf.tensor1d([1, 1]), tf.tensor2d([[0.1, 0.9], [0.8, 0.2]]), tf.tensor1d([1, 3])));
    expect(m.result()).toBeCloseTo(0.25, 6);
    // batch 2: one hit with weight 4 → (1 + 4) / (4 + 4) = 0.625
    tf.tidy(() => m.updateState(tf.tensor1d([0]), tf.tensor2d([[0.7, 0.3]]), tf.tensor1d([4])));
    expect(m.result()).toBeCloseTo(0.625, 6);
    m.resetState();
    expect(m.result()).toBe(0);
    expect(tf.memory().numTensors).toBe(before); // the running state is freed by resetState
  });

  it('regression metrics match hand-computed values', () => {
    const yTrue = tf.tensor2d([[1, 2], [3, 4]]);
    const yPred = tf.tensor2d([[1, 3], [5, 4]]);
    const value = (id: string) => {
      const m = get(id);
      m.updateState(yTrue, yPred);
      return m.result();
    };
    expect(value('mse')).toBeCloseTo((0 + 1 + 4 + 0) / 4, 6); // per sample [0.5, 2] → 1.25
    expect(value('mae')).toBeCloseTo((0 + 1 + 2 + 0) / 4, 6);
    // MAPE: 100 * mean(|y - p| / |y|) = 100 * ((0 + 1/2) / 2 + (2/3 + 0) / 2) / 2 = 29.1667
    expect(value('mape')).toBeCloseTo(29.166667, 4);
    expect(value('rmse')).toBeCloseTo(Math.sqrt(1.25), 6);
  });

  it('top-k and categorical accuracy', () => {
    const m = get({ class_name: 'TopKCategoricalAccuracy', config: { k: 2, name: 'top2' } });
    m.updateState(tf.tensor2d([[0, 0, 1], [1, 0, 0]]), tf.tensor2d([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]]));
    // sample 1: class 2 has score 0.2, two scores above → miss; sample 2: class 0 lowest → miss
    expect(m.result()).toBe(0);
    expect(serialize(m)).toEqual({ class_name: 'TopKCategoricalAccuracy', config: { name: 'top2', dtype: 'float32', k: 2 } });
    const c = get('categorical_accuracy');
    c.updateState(tf.tensor2d([[0, 1], [1, 0]]), tf.tensor2d([[0.4, 0.6], [0.3, 0.7]]));
    expect(c.result()).toBe(0.5);
  });

  it("resolves 'accuracy' by shapes as Keras 3 does", () => {
    expect(resolveAccuracy('accuracy', [32], [32, 10]).constructor.name).toBe('SparseCategoricalAccuracy');
    expect(resolveAccuracy('accuracy', [32, 1], [32, 10]).constructor.name).toBe('SparseCategoricalAccuracy');
    expect(resolveAccuracy('acc', [32, 10], [32, 10]).constructor.name).toBe('CategoricalAccuracy');
    expect(resolveAccuracy('accuracy', [32, 1], [32, 1]).constructor.name).toBe('BinaryAccuracy');
    expect(resolveAccuracy('acc', [32], [32, 10]).name).toBe('acc');
  });

  it("resolves 'crossentropy' / 'ce' by shapes, as Keras's compile", () => {
    expect(resolveCrossentropy('crossentropy', [32], [32, 10]).constructor.name).toBe('SparseCategoricalCrossentropy');
    expect(resolveCrossentropy('ce', [32, 1], [32, 10]).constructor.name).toBe('SparseCategoricalCrossentropy');
    expect(resolveCrossentropy('ce', [32, 10], [32, 10]).constructor.name).toBe('CategoricalCrossentropy');
    expect(resolveCrossentropy('crossentropy', [32, 1], [32, 1]).constructor.name).toBe('BinaryCrossentropy');
    expect(resolveCrossentropy('ce', [32], [32, 10]).name).toBe('ce');
    expect(['ACC', 'CE', 'crossentropy'].every(isShorthand)).toBe(true);
    expect(isShorthand('binary_crossentropy')).toBe(false);
  });

  it('lists known names for an unknown metric', () => {
    expect(() => get('acuracy')).toThrowError(/Unknown metric: "acuracy"\. Known metric names: .*SparseCategoricalAccuracy/);
    expect(metricRegistry.has('mse')).toBe(true);
  });
});
