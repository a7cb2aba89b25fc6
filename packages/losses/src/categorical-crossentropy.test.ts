// Keras prints these to 3-4 digits and its tests compare with assertAlmostEqual(..., 3); the
// 1e-5 checks use the float64 formula beside them.
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '@neuralkit/core';
import { BACKENDS, expectClose, expectNoLeak, mean, sum, useBackend } from '../test/helpers.js';
import { CategoricalCrossentropy, categoricalCrossentropy } from './categorical-crossentropy.js';
import { get, serialize } from './registry.js';

/** float64 references: renormalise + clip for probabilities, log-sum-exp for logits. */
const clip = (p: number) => Math.min(Math.max(p, 1e-7), 1 - 1e-7);
const fromProb = (t: number[], p: number[]) => -sum(t.map((z, i) => z * Math.log(clip(p[i]! / sum(p)))));
const fromLogits = (t: number[], x: number[]) => {
  const m = Math.max(...x);
  const lse = m + Math.log(sum(x.map((v) => Math.exp(v - m))));
  return sum(t.map((z, i) => z * (lse - x[i]!)));
};
// The data of Keras 3's CategoricalCrossentropyTest (keras/src/losses/losses_test.py).
const T = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const P = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const L = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];
const PROB_ROWS = T.map((t, i) => fromProb(t, P[i]!));
const LOGIT_ROWS = T.map((t, i) => fromLogits(t, L[i]!));

describe.each(BACKENDS)('CategoricalCrossentropy on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (CategoricalCrossentropy docstring)', () => {
    const t = [[0, 1, 0], [0, 0, 1]];
    const p = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
    const r = [-Math.log(0.95), -Math.log(0.1)]; // printed [0.0513, 2.303]
    expectClose(categoricalCrossentropy(t, p), r);
    expectClose(new CategoricalCrossentropy().compute(t, p), mean(r)); // 1.177
    expectClose(new CategoricalCrossentropy().compute(t, p, [0.3, 0.7]), (0.3 * r[0]! + 0.7 * r[1]!) / 2); // 0.814
    expectClose(new CategoricalCrossentropy({ reduction: 'sum' }).compute(t, p), sum(r)); // 2.354
  });

  it('matches Keras losses_test.py (probabilities, renormalised by the sum)', () => {
    // Row 2 sums to 1.99: -log(0.89 / 1.99) = 0.8047; the mean is Keras's 0.3239.
    expectClose(new CategoricalCrossentropy().compute(T, P), mean(PROB_ROWS));
    expect(new CategoricalCrossentropy().compute(T, P).dataSync()[0]).toBeCloseTo(0.3239, 3);
    expect(new CategoricalCrossentropy().compute(T, P, 2.3).dataSync()[0]).toBeCloseTo(0.7449, 3);
    const w = [1.2, 3.4, 5.6];
    const weighted = new CategoricalCrossentropy().compute(T, P, [[1.2], [3.4], [5.6]]);
    expectClose(weighted.clone(), sum(PROB_ROWS.map((v, i) => v * w[i]!)) / 3);
    expect(weighted.dataSync()[0]).toBeCloseTo(1.0696, 3);
  });

  it('matches Keras losses_test.py (from_logits, stable log-sum-exp)', () => {
    const cce = new CategoricalCrossentropy({ fromLogits: true });
    expectClose(cce.compute(T, L), mean(LOGIT_ROWS)); // 0.0573
    expectClose(cce.compute(T, L, 2.3), 2.3 * mean(LOGIT_ROWS)); // 0.1317
    const w = [1.2, 3.4, 5.6];
    expectClose(cce.compute(T, L, [[1.2], [3.4], [5.6]]), sum(LOGIT_ROWS.map((v, i) => v * w[i]!)) / 3); // 0.31829
    expectClose(new CategoricalCrossentropy({ fromLogits: true, reduction: null }).compute(T, L), [0.001822, 0.000459, 0.169846], 1e-3);
    expectClose(new CategoricalCrossentropy({ fromLogits: true, reduction: null }).compute(T, L), LOGIT_ROWS);
  });

  it('applies label_smoothing (Keras test_label_smoothing): 400 * 0.1 / 3', () => {
    // Labels [1, 0, 0] -> [0.9333, 0.0333, 0.0333]; logits ±100 give 200 per off-class: 2 * 0.0333 * 200.
    const cce = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
    expectClose(cce.compute([[1, 0, 0]], [[100, -100, -100]]), (400 * 0.1) / 3);
  });

  it('is finite at probabilities 0 and 1 exactly', () => {
    // -log(1e-7) = 16.118 where the true class has probability 0.
    expectClose(categoricalCrossentropy([[1, 0], [0, 1]], [[0, 1], [0, 1]]), [-Math.log(1e-7), 1.19e-7], 1e-2);
  });

  it('rejects shapes Keras rejects (test_shape_mismatch)', () => {
    expect(() => new CategoricalCrossentropy().compute([[0], [1], [2]], P)).toThrow(ShapeError);
    expect(() => new CategoricalCrossentropy().compute([[0], [1], [2]], P)).toThrow(/CategoricalCrossentropy.*\[3, 1\]/);
  });
});

describe('CategoricalCrossentropy config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips from_logits, label_smoothing, axis', () => {
    const c = new CategoricalCrossentropy({ name: 'cce', fromLogits: true, labelSmoothing: 0.1, axis: -1 });
    expect(get(serialize(c)).getConfig()).toEqual({
      name: 'cce',
      reduction: 'sum_over_batch_size',
      from_logits: true,
      label_smoothing: 0.1,
      axis: -1,
    });
    expect(() => new CategoricalCrossentropy({ fromLogit: true } as never)).toThrow(/Unknown option "fromLogit"/);
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => {
      new CategoricalCrossentropy({ labelSmoothing: 0.1 }).compute(T, P, [1, 2, 3]).dispose();
      categoricalCrossentropy(T, L, { fromLogits: true }).dispose();
    });
  });
});
