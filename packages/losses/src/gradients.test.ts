import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { BACKENDS, useBackend } from '../test/helpers.js';
import { get } from './registry.js';
import type { Loss } from './loss.js';

interface Case {
  loss: Loss;
  yTrue: number[] | number[][];
  yPred: number[][];
  weight?: number[];
}

const T = [[1, 2, 3], [0.5, -1, 2]];
const P = [[1.5, 1, 2.2], [0.3, -2, 1.1]];
const POS_T = [[1, 2, 3], [0.5, 1, 2]];
const POS_P = [[1.5, 1, 2.2], [0.3, 2, 1.1]];
const PROB_T = [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]];
const PROB_P = [[0.3, 0.4, 0.3], [0.5, 0.3, 0.2]];
const ONE_HOT = [[0, 1, 0], [1, 0, 0]];
const LOGITS = [[0.5, 2, -1], [1.2, -0.3, 0.4]];
const RAW = [[0.3, 0.5, 0.4], [0.5, 0.2, 0.2]]; // rows do not sum to 1: exercises the renormalisation

// Points chosen away from kinks (|e| = delta, hinge margins, ties), where derivatives exist.
const CASES: Record<string, Case> = {
  MeanSquaredError: { loss: get('mse'), yTrue: T, yPred: P, weight: [1, 2] },
  MeanAbsoluteError: { loss: get('mae'), yTrue: T, yPred: P },
  MeanAbsolutePercentageError: { loss: get('mape'), yTrue: POS_T, yPred: POS_P },
  MeanSquaredLogarithmicError: { loss: get('msle'), yTrue: POS_T, yPred: POS_P },
  Huber: { loss: get({ class_name: 'Huber', config: { delta: 0.8 } }), yTrue: T, yPred: P, weight: [0.5, 2] },
  LogCosh: { loss: get('logcosh'), yTrue: T, yPred: P },
  Poisson: { loss: get('poisson'), yTrue: POS_T, yPred: POS_P },
  KLDivergence: { loss: get('kld'), yTrue: PROB_T, yPred: PROB_P },
  CosineSimilarity: { loss: get('cosine_similarity'), yTrue: T, yPred: P },
  Hinge: { loss: get('hinge'), yTrue: [[-1, 1, 1], [1, -1, 1]], yPred: [[1.5, 0.5, 2.2], [0.3, -2, 1.1]] },
  SquaredHinge: { loss: get('squared_hinge'), yTrue: [[0, 1, 1], [1, 0, 1]], yPred: [[0.3, 0.2, 1.5], [0.6, -0.5, 0.1]] },
  CategoricalHinge: { loss: get('categorical_hinge'), yTrue: ONE_HOT, yPred: LOGITS },
  BinaryCrossentropy: { loss: get({ class_name: 'BinaryCrossentropy', config: { label_smoothing: 0.1 } }), yTrue: [[0, 1, 1], [1, 0, 0]], yPred: PROB_P },
  'BinaryCrossentropy(from_logits)': { loss: get({ class_name: 'BinaryCrossentropy', config: { from_logits: true } }), yTrue: [[0, 1, 1], [1, 0, 0]], yPred: [[0, 2, -1], [1.2, -0.3, 0.4]] },
  CategoricalCrossentropy: { loss: get({ class_name: 'CategoricalCrossentropy', config: { label_smoothing: 0.1 } }), yTrue: ONE_HOT, yPred: RAW, weight: [1, 3] },
  'CategoricalCrossentropy(from_logits)': { loss: get({ class_name: 'CategoricalCrossentropy', config: { from_logits: true } }), yTrue: ONE_HOT, yPred: LOGITS },
  SparseCategoricalCrossentropy: { loss: get('sparse_categorical_crossentropy'), yTrue: [1, 0], yPred: RAW, weight: [2, 1] },
  'SparseCategoricalCrossentropy(from_logits, ignore_class)': {
    loss: get({ class_name: 'SparseCategoricalCrossentropy', config: { from_logits: true, ignore_class: -1 } }),
    yTrue: [2, -1],
    yPred: LOGITS,
  },
};

/** Central differences in float32, element by element. */
function numericGradient(c: Case, h: number): number[] {
  const base = c.yPred.flat();
  return base.map((_, i) => {
    const at = (delta: number) => {
      const p = base.slice();
      p[i] = p[i]! + delta;
      return tf.tidy(() => {
        const out = c.loss.compute(c.yTrue, tf.tensor2d(p, [c.yPred.length, c.yPred[0]!.length]), c.weight);
        return out.dataSync()[0]!;
      });
    };
    return (at(h) - at(-h)) / (2 * h);
  });
}

describe.each(BACKENDS)('gradients on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(Object.entries(CASES))('%s: tf.grad matches finite differences', (_, c) => {
    const before = tf.memory().numTensors;
    const yPred = tf.tensor2d(c.yPred);
    const analytic = tf.grad((p: tf.Tensor) => c.loss.compute(c.yTrue, p, c.weight))(yPred);
    const got = Array.from(analytic.dataSync());
    tf.dispose([yPred, analytic]);
    const want = numericGradient(c, 5e-3);
    expect(got.some((g) => g !== 0), 'gradient is not all zeros').toBe(true);
    got.forEach((g, i) => {
      const w = want[i]!;
      expect(Math.abs(g - w), `element ${i}: tf.grad ${g}, finite difference ${w}`).toBeLessThanOrEqual(3e-3 + 2e-2 * Math.abs(w));
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('crossentropy gradients stay finite at probabilities 0 and 1 exactly', () => {
    const saturated = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
    for (const id of ['binary_crossentropy', 'categorical_crossentropy', 'kld', 'poisson']) {
      const g = tf.grad((p: tf.Tensor) => get(id).compute(ONE_HOT, p))(saturated);
      expect(Array.from(g.dataSync()).every(Number.isFinite), id).toBe(true);
      g.dispose();
    }
    const g = tf.grad((p: tf.Tensor) => get('sparse_categorical_crossentropy').compute([0, 1], p))(saturated);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([g, saturated]);
  });
});
