import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '@neuralkit/core';
import { BACKENDS, expectClose, expectNoLeak, mean, useBackend } from '../test/helpers.js';
import { BinaryCrossentropy, binaryCrossentropy } from './binary-crossentropy.js';
import { get, serialize } from './registry.js';

/** float64 references: logits via softplus, probabilities clipped to [1e-7, 1 - 1e-7]. */
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const fromLogits = (z: number, x: number) => softplus(x) - x * z;
const clip = (p: number) => Math.min(Math.max(p, 1e-7), 1 - 1e-7);
const fromProb = (z: number, p: number) => -(z * Math.log(clip(p)) + (1 - z) * Math.log(1 - clip(p)));
const rows = (t: number[][], p: number[][], f: (z: number, x: number) => number) =>
  t.map((r, i) => mean(r.map((z, j) => f(z, p[i]![j]!))));

describe.each(BACKENDS)('BinaryCrossentropy on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs examples (BinaryCrossentropy docstring, from_logits)', () => {
    const bce = new BinaryCrossentropy({ fromLogits: true });
    expectClose(bce.compute([0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8]), 0.86546, 1e-4); // printed 0.8654
    const t = [[0, 1], [0, 0]];
    const p = [[-18.6, 0.51], [2.94, -12.8]];
    const r = rows(t, p, fromLogits); // printed [0.235, 1.496]
    expectClose(new BinaryCrossentropy({ fromLogits: true, reduction: null }).compute(t, p), r);
    expectClose(bce.compute(t, p, [0.8, 0.2]), (0.8 * r[0]! + 0.2 * r[1]!) / 2); // printed 0.243
    expectClose(new BinaryCrossentropy({ fromLogits: true, reduction: 'sum' }).compute(t, p), r[0]! + r[1]!); // 1.730
  });

  it('matches the keras.losses.binary_crossentropy docs example (probabilities)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[0.6, 0.4], [0.4, 0.6]];
    expectClose(binaryCrossentropy(t, p), rows(t, p, fromProb)); // printed [0.916, 0.714]
  });

  it('matches Keras losses_test.py (BinaryCrossentropyTest)', () => {
    const t = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const p = [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.1, 0.2, 0.7]];
    expectClose(new BinaryCrossentropy().compute(t, p), 0.20046903);
    // Saturated: y_pred 1 where y_true 0 costs -log(1 - (1 - 1e-7 in float32)) = 15.94, so
    // (15.94 + ~0) / 2 / 2 = 3.98559. (tf.keras 2.x's log(p + 1e-7) would give 3.83.)
    expectClose(new BinaryCrossentropy().compute([[1, 0], [1, 0]], [[1, 1], [1, 0]]), 3.98559);
    expectClose(new BinaryCrossentropy().compute([[1, 0], [1, 0]], [[1, 1], [1, 0]], 2.3), 9.1668, 1e-4);
    expectClose(new BinaryCrossentropy().compute([[1, 0], [1, 0]], [[1, 1], [1, 0]], [[1.2], [3.4]]), 4.7827, 1e-4);
    const tl = [[1, 0, 1], [0, 1, 1]];
    const lg = [[10, -10, 10], [10, 10, -10]];
    const r = rows(tl, lg, fromLogits);
    expectClose(new BinaryCrossentropy({ fromLogits: true }).compute(tl, lg), mean(r)); // 3.3333
    expectClose(new BinaryCrossentropy({ fromLogits: true }).compute(tl, lg, 2.3), 2.3 * mean(r)); // 7.666
    expectClose(new BinaryCrossentropy({ fromLogits: true }).compute(tl, lg, [4, 3]), (4 * r[0]! + 3 * r[1]!) / 2); // 10.0
    expectClose(new BinaryCrossentropy({ fromLogits: true, reduction: null }).compute(tl, lg), r); // [0, 6.666]
  });

  it('applies label_smoothing towards 0.5 (Keras test_label_smoothing)', () => {
    const bce = new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
    // Labels [1, 0, 1] -> [0.95, 0.05, 0.95]; Keras's expected value (10 + 5 * 0.1) / 3 (to ~1e-4).
    const exact = mean([[0.95, 10], [0.05, -10], [0.95, -10]].map(([z, x]) => fromLogits(z!, x!)));
    expectClose(bce.compute([[1, 0, 1]], [[10, -10, -10]]), exact);
    expectClose(bce.compute([[1, 0, 1]], [[10, -10, -10]]), (10 + 5 * 0.1) / 3, 1e-4);
  });

  it('is finite at probabilities 0 and 1 exactly, and for huge logits', () => {
    const probs = binaryCrossentropy([[1, 0, 1, 0]], [[0, 1, 1, 0]]).dataSync();
    expect(Number.isFinite(probs[0])).toBe(true);
    expectClose(binaryCrossentropy([[1, 0]], [[-1000, 1000]], { fromLogits: true }), [1000]);
  });

  it('rejects shapes Keras rejects (test_shape_mismatch)', () => {
    expect(() => new BinaryCrossentropy().compute([[0], [1], [2]], [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]]))
      .toThrow(ShapeError);
    expect(() => binaryCrossentropy([[0, 1]], [[0.5, 0.5, 0]])).toThrow(/BinaryCrossentropy.*\[1, 2\].*\[1, 3\]/);
  });
});

describe('BinaryCrossentropy config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips from_logits, label_smoothing, axis', () => {
    const b = new BinaryCrossentropy({ name: 'bce', fromLogits: true, labelSmoothing: 0.2, axis: -1 });
    expect(b.getConfig()).toEqual({
      name: 'bce',
      reduction: 'sum_over_batch_size',
      from_logits: true,
      label_smoothing: 0.2,
      axis: -1,
    });
    expect(get(serialize(b)).getConfig()).toEqual(b.getConfig());
    expect(() => new BinaryCrossentropy({ labelSmoothing: 2 })).toThrow(/label_smoothing for BinaryCrossentropy/);
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => {
      new BinaryCrossentropy({ labelSmoothing: 0.1 }).compute([[1, 0]], [[0.7, 0.2]], [2]).dispose();
      binaryCrossentropy([[1, 0]], [[3, -1]], { fromLogits: true }).dispose();
    });
  });
});
