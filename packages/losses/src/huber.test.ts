import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@neuralkit/core';
import { BACKENDS, expectClose, expectNoLeak, sum, useBackend } from '../test/helpers.js';
import { Huber, huber } from './huber.js';
import { get, serialize } from './registry.js';

/** float64 reference, written as Keras's test writes it (quadratic part + linear part). */
const ref = (e: number, delta = 1) => {
  const q = Math.min(Math.abs(e), delta);
  return 0.5 * q * q + delta * (Math.abs(e) - q);
};

describe.each(BACKENDS)('Huber on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('is quadratic inside delta and linear outside (hand-computed)', () => {
    // |e| = 0.5 <= 1: 0.5 * 0.25 = 0.125.   |e| = 2.5 > 1: 1 * 2.5 - 0.5 * 1 = 2.0.
    expectClose(huber([[0], [0]], [[0.5], [2.5]]), [0.125, 2.0]);
    // delta = 2: |e| = 3 > 2: 2 * 3 - 0.5 * 4 = 4.   |e| = 2 (== delta) is still quadratic: 2.
    expectClose(huber([[0], [0]], [[-3], [2]], { delta: 2 }), [4, 2]);
  });

  it('matches the Keras API docs example (keras.losses.huber, tf.keras Huber)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[0.6, 0.4], [0.4, 0.6]];
    // Rows: (0.18 + 0.18) / 2 = 0.18 and (0.08 + 0.18) / 2 = 0.13.
    expectClose(huber(t, p), [0.18, 0.13]);
    expectClose(new Huber().compute(t, p), 0.155);
    expectClose(new Huber().compute(t, p, [1, 0]), 0.09);
    expectClose(new Huber({ reduction: 'sum' }).compute(t, p), 0.31);
  });

  it('matches Keras losses_test.py (HuberLossTest)', () => {
    const p = [[0.9, 0.2, 0.2], [0.8, 0.4, 0.6]];
    const t = [[1, 0, 1], [1, 0, 0]];
    const e = [-0.1, 0.2, -0.8, -0.2, 0.4, 0.6];
    const losses = e.map((x) => ref(x));
    expectClose(new Huber().compute(t, p), sum(losses) / 6); // test_unweighted
    expectClose(new Huber().compute(t, p, 2.3), (2.3 * sum(losses)) / 6); // test_scalar_weighted
    const w = [1.2, 1.2, 1.2, 3.4, 3.4, 3.4];
    expectClose(new Huber().compute(t, p, [[1.2], [3.4]]), sum(losses.map((l, i) => l * w[i]!)) / 6);
    const tw = [3, 6, 5, 0, 4, 2];
    const t3 = t.map((r) => r.map((v) => [v]));
    const p3 = p.map((r) => r.map((v) => [v]));
    const stepW = [[[3], [6], [5]], [[0], [4], [2]]];
    expectClose(new Huber().compute(t3, p3, stepW), sum(losses.map((l, i) => l * tw[i]!)) / 6); // test_timestep_weighted
    const d08 = e.map((x) => ref(x, 0.8));
    expectClose(new Huber({ delta: 0.8 }).compute(t, p, 2.3), (2.3 * sum(d08)) / 6); // test_non_default_delta
  });

  it('rejects a bad delta, naming the loss', () => {
    expect(() => new Huber({ delta: -1 })).toThrow(/delta for Huber.*received -1/);
  });
});

describe('Huber config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips delta (which Keras 3 itself drops)', () => {
    const h = new Huber({ delta: 2.5, reduction: 'sum', name: 'huber' });
    expect(h.getConfig()).toEqual({ name: 'huber', reduction: 'sum', delta: 2.5 });
    const again = get(serialize(h)) as Huber;
    expect(again.delta).toBe(2.5);
    expect(get({ class_name: 'Huber', config: { name: 'huber', reduction: 'sum' } }).getConfig()).toEqual({
      name: 'huber',
      reduction: 'sum',
      delta: 1,
    });
    expect(() => new Huber({ delat: 2 } as never)).toThrow(InvalidArgumentError);
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => new Huber().compute([[0, 1]], [[3, 1]], [2]).dispose());
  });
});
