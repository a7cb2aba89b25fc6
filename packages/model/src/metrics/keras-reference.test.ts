import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import type { Metric } from './metric.js';
import { get, metricRegistry, serialize } from './registry.js';

beforeAll(() => activate('cpu'));

type Rows = number[][] | number[];
interface Case {
  id: string;
  className: string;
  config: Record<string, unknown>;
  yTrue: Rows;
  yPred: Rows;
  weight: number[];
  /** Keras's docstring example: result without, then with `weight`. */
  keras: [number, number];
}

// Every `keras` pair is the standalone example in the metric's Keras 3 docstring
// (keras/src/metrics/{probabilistic,hinge,regression}_metrics.py, mirrored as
// rstudio/keras3 man-src/metric_<name>/0-upstream.md).
const A = [[0, 1], [0, 0]];
const P = [[0.6, 0.4], [0.4, 0.6]];
const R = [[1, 1], [0, 0]];
const cases: Case[] = [
  // per sample: -(ln .4 + ln .4)/2 = 0.91629, -(ln .6 + ln .4)/2 = 0.71356 → mean 0.81492; weights [1, 0] → 0.91629
  { id: 'binary_crossentropy', className: 'BinaryCrossentropy', config: { from_logits: false, label_smoothing: 0 }, yTrue: A, yPred: P, weight: [1, 0], keras: [0.81492424, 0.9162905] },
  // -ln .95 = 0.05129, -ln .1 = 2.30259 → mean 1.17694; (0.3 * 0.05129 + 0.7 * 2.30259) / 1 = 1.62720
  { id: 'categorical_crossentropy', className: 'CategoricalCrossentropy', config: { from_logits: false, label_smoothing: 0, axis: -1 }, yTrue: [[0, 1, 0], [0, 0, 1]], yPred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]], weight: [0.3, 0.7], keras: [1.1769392, 1.6271976] },
  { id: 'sparse_categorical_crossentropy', className: 'SparseCategoricalCrossentropy', config: { from_logits: false, ignore_class: null, axis: -1 }, yTrue: [1, 2], yPred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]], weight: [0.3, 0.7], keras: [1.1769392, 1.6271976] },
  // sample 1: 1 * ln(1 / 0.4) = 0.91629 (the 1e-7-clipped zeros add ~1e-6); sample 2 ≈ 0 → mean 0.45814
  { id: 'kld', className: 'KLDivergence', config: {}, yTrue: A, yPred: P, weight: [1, 0], keras: [0.45814306, 0.9162892] },
  // sample 1: mean(1 - 0, 1 - 1 * ln 1) = 1, sample 2: 0 → 0.5; weights [1, 0] → 1
  { id: 'poisson', className: 'Poisson', config: {}, yTrue: A, yPred: R, weight: [1, 0], keras: [0.49999997, 0.99999994] },
  // labels → ±1: sample 1 mean(1 + .6, 1 - .4) = 1.1, sample 2 mean(1.4, 1.6) = 1.5 → 1.3
  { id: 'hinge', className: 'Hinge', config: {}, yTrue: A, yPred: P, weight: [1, 0], keras: [1.3, 1.1] },
  // mean(1.6², 0.6²) = 1.46, mean(1.4², 1.6²) = 2.26 → 1.86
  { id: 'squared_hinge', className: 'SquaredHinge', config: {}, yTrue: A, yPred: P, weight: [1, 0], keras: [1.86, 1.46] },
  // sample 1: pos .4, neg .6 → 1.2; sample 2: pos 0, neg .6 → 1.6 → 1.4
  { id: 'categorical_hinge', className: 'CategoricalHinge', config: {}, yTrue: A, yPred: P, weight: [1, 0], keras: [1.4000001, 1.2] },
  // cos = [0, 1] → 0.5; weights [0.3, 0.7] → 0.7
  { id: 'cosine_similarity', className: 'CosineSimilarity', config: { axis: 1 }, yTrue: [[0, 1], [1, 1]], yPred: [[1, 0], [1, 1]], weight: [0.3, 0.7], keras: [0.49999997, 0.6999999] },
  // sample 1: mean(ln cosh 1, 0) = 0.43378 / 2 = 0.21689, sample 2: 0 → 0.10845
  { id: 'logcosh', className: 'LogCoshError', config: {}, yTrue: A, yPred: R, weight: [1, 0], keras: [0.10844523, 0.21689045] },
  // squared errors [[1, 0], [0, 0]]: sqrt(1/4) = 0.5; weights [1, 0] broadcast per entry: sqrt(1/2)
  { id: 'rmse', className: 'RootMeanSquaredError', config: {}, yTrue: A, yPred: R, weight: [1, 0], keras: [0.5, 0.70710677] },
];

function run(m: Metric, c: Case, weight?: number[]): number {
  tf.tidy(() => m.updateState(tf.tensor(c.yTrue), tf.tensor(c.yPred), weight ? tf.tensor1d(weight) : undefined));
  return m.result();
}

describe.each(cases)('$className', (c) => {
  it("matches Keras's documented values, weighted and not, without leaking", () => {
    const before = tf.memory().numTensors;
    const m = c.config.axis === 1 ? get({ class_name: c.className, config: { axis: 1 } }) : get(c.id);
    expect(m.constructor.name).toBe(c.className);
    expect(run(m, c)).toBeCloseTo(c.keras[0], 5);
    m.resetState();
    expect(run(m, c, c.weight)).toBeCloseTo(c.keras[1], 5);
    m.resetState();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps a running mean over batches (two updates = one of both)', () => {
    const m = get({ class_name: c.className, config: c.config });
    run(m, c);
    run(m, c, c.weight);
    // (sum of 2 unweighted samples + weighted sum) / (2 + sum of weights); RMSE counts
    // entries: squared errors sum 1 over 4 entries, then 1 over weight 2 → sqrt(2 / 6)
    const w = c.weight.reduce((a, b) => a + b, 0);
    const expected = c.className === 'RootMeanSquaredError' ? Math.sqrt(2 / 6) : (c.keras[0] * 2 + c.keras[1] * w) / (2 + w);
    expect(m.result()).toBeCloseTo(expected, 5);
    m.resetState();
  });

  it("round-trips Keras's config", () => {
    const m = get({ class_name: c.className, config: { name: 'custom', ...c.config } });
    const s = serialize(m);
    expect(s).toEqual({ class_name: c.className, config: { name: 'custom', dtype: 'float32', ...c.config } });
    expect(serialize(get(s))).toEqual(s);
  });
});

describe('probabilistic metric options', () => {
  it('binary crossentropy from logits equals it on sigmoid probabilities', () => {
    const logits = [[2, -1], [0.5, -3]];
    const m = get({ class_name: 'BinaryCrossentropy', config: { from_logits: true } });
    m.updateState(tf.tensor2d(A), tf.tensor2d(logits));
    const p = get('bce');
    tf.tidy(() => p.updateState(tf.tensor2d(A), tf.sigmoid(tf.tensor2d(logits))));
    expect(m.result()).toBeCloseTo(p.result(), 5);
    m.resetState();
    p.resetState();
  });

  it('label smoothing 0.2 moves labels to 0.1 / 0.9, as Keras', () => {
    const m = get({ class_name: 'BinaryCrossentropy', config: { label_smoothing: 0.2 } });
    m.updateState(tf.tensor2d([[1]]), tf.tensor2d([[0.5]]));
    // -(0.9 ln 0.5 + 0.1 ln 0.5) = ln 2
    expect(m.result()).toBeCloseTo(Math.LN2, 5);
    m.resetState();
  });

  it('rejects bad options, naming them', () => {
    expect(() => get({ class_name: 'CategoricalCrossentropy', config: { label_smoothing: 2 } })).toThrowError(/label_smoothing.*CategoricalCrossentropy.*\[0, 1\].*2/);
    expect(() => get({ class_name: 'BinaryCrossentropy', config: { from_logits: 'yes' } })).toThrowError(/from_logits/);
  });

  it('knows the Keras names and aliases', () => {
    for (const name of ['bce', 'kl_divergence', 'kullback_leibler_divergence', 'log_cosh', 'LogCoshError', 'Poisson', 'precision', 'Recall']) {
      expect(metricRegistry.has(name), name).toBe(true);
    }
    expect(get('kld').name).toBe('kl_divergence');
    expect(get('logcosh').name).toBe('logcosh');
  });
});
