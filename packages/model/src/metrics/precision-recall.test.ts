import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import type { Metric } from './metric.js';
import { get, serialize } from './registry.js';

beforeAll(() => activate('cpu'));

function value(m: Metric, yTrue: number[] | number[][], yPred: number[] | number[][], weight?: number[]): number {
  tf.tidy(() => m.updateState(tf.tensor(yTrue), tf.tensor(yPred), weight ? tf.tensor(weight) : undefined));
  const r = m.result();
  m.resetState();
  return r;
}

// Keras values: the standalone examples of keras.metrics.Precision / Recall (Keras 3 docstrings,
// keras/src/metrics/confusion_metrics.py; rstudio/keras3 man-src/metric_precision, metric_recall).
describe('Precision and Recall', () => {
  it("match Keras's documented examples without leaking", () => {
    const before = tf.memory().numTensors;
    const p = get('precision');
    const r = get('recall');
    // predictions [1, 0, 1, 1] > 0.5 vs labels [0, 1, 1, 1]: TP 2, FP 1, FN 1 → 2/3 each
    expect(value(p, [0, 1, 1, 1], [1, 0, 1, 1])).toBeCloseTo(0.6666667, 6);
    expect(value(r, [0, 1, 1, 1], [1, 0, 1, 1])).toBeCloseTo(0.6666667, 6);
    // weights [0, 0, 1, 0] keep only the third entry, a true positive → 1
    expect(value(p, [0, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0])).toBe(1);
    expect(value(r, [0, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0])).toBe(1);
    // top_k 2 of four equal scores: the first two (labels 0, 0) → 0; top_k 4: 2 of 4 → 0.5
    expect(value(get({ class_name: 'Precision', config: { top_k: 2 } }), [0, 0, 1, 1], [1, 1, 1, 1])).toBe(0);
    expect(value(get({ class_name: 'Precision', config: { top_k: 4 } }), [0, 0, 1, 1], [1, 1, 1, 1])).toBe(0.5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('class_id, thresholds and weights per sample (hand-computed)', () => {
    const yTrue = [[0, 1, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]];
    const yPred = [[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.2, 0.3, 0.5]];
    // class 1, threshold 0.5: predicted positive rows 0, 2; label positive rows 0, 1
    // → TP row 0, FP row 2, FN row 1: precision 1/2, recall 1/2
    expect(value(get({ class_name: 'Precision', config: { class_id: 1 } }), yTrue, yPred)).toBe(0.5);
    expect(value(get({ class_name: 'Recall', config: { class_id: 1 } }), yTrue, yPred)).toBe(0.5);
    // sample weights [3, 1, 1, 1]: TP 3, FP 1, FN 1 → 3/4 each
    expect(value(get({ class_name: 'Precision', config: { class_id: 1 } }), yTrue, yPred, [3, 1, 1, 1])).toBe(0.75);
    expect(value(get({ class_name: 'Recall', config: { class_id: 1 } }), yTrue, yPred, [3, 1, 1, 1])).toBe(0.75);
    // class 1 with threshold 0.25: rows 0, 1, 2, 3 positive (0.7, 0.3, 0.7, 0.3) → TP 2, FP 2; recall 2/2
    expect(value(get({ class_name: 'Precision', config: { class_id: 1, thresholds: 0.25 } }), yTrue, yPred)).toBe(0.5);
    expect(value(get({ class_name: 'Recall', config: { class_id: 1, thresholds: 0.25 } }), yTrue, yPred)).toBe(1);
    // top_k 1 then class 0: only row 1 has class 0 on top → predicted positive row 1 (label 0);
    // row 2's label 0 is missed → precision 0/1, recall 0/1
    expect(value(get({ class_name: 'Precision', config: { class_id: 0, top_k: 1 } }), yTrue, yPred)).toBe(0);
    expect(value(get({ class_name: 'Recall', config: { top_k: 1 } }), yTrue, yPred)).toBe(0.5); // rows 0, 3 hit of 4
  });

  it('is 0 before any positive, as Keras', () => {
    expect(value(get('precision'), [1, 1], [0.1, 0.2])).toBe(0);
    expect(get('recall').result()).toBe(0);
  });

  it("round-trips Keras's config and rejects bad options", () => {
    const s = { class_name: 'Recall', config: { name: 'r1', dtype: 'float32', thresholds: 0.3, top_k: 2, class_id: 1 } };
    expect(serialize(get(s))).toEqual(s);
    expect(serialize(get('precision'))).toEqual({
      class_name: 'Precision',
      config: { name: 'precision', dtype: 'float32', thresholds: null, top_k: null, class_id: null },
    });
    expect(() => get({ class_name: 'Precision', config: { thresholds: [0.2, 1.5] } })).toThrowError(/thresholds.*Precision.*list of numbers in \[0, 1\]/);
    expect(() => get({ class_name: 'Recall', config: { top_k: 0 } })).toThrowError(/top_k.*Recall/);
  });
});
