import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, sum, useBackend } from '../test/helpers.js';
import { Poisson, poisson } from './poisson.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's PoissonTest (keras/src/losses/losses_test.py).
const P = [[1, 9, 2], [5, 2, 6]];
const T = [[4, 8, 12], [8, 1, 3]];
const LOSSES = P.flat().map((p, i) => p - T.flat()[i]! * Math.log(p + 1e-7));

describe.each(BACKENDS)('Poisson on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (tf.keras Poisson)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [0, 0]];
    // Row 1: (1 - 0) + (1 - 1 * log(1 + 1e-7)) = 2 - 1e-7, / 2; row 2: 0 - 0 * log(1e-7) = 0.
    expectClose(poisson(t, p), [(2 - 1e-7) / 2, 0]);
    expectClose(new Poisson().compute(t, p), 0.5);
    expectClose(new Poisson().compute(t, p, [0.8, 0.2]), 0.4);
    expectClose(new Poisson({ reduction: 'sum' }).compute(t, p), 1.0);
  });

  it('matches Keras losses_test.py (PoissonTest)', () => {
    expectClose(new Poisson().compute(T, P), sum(LOSSES) / 6);
    expectClose(new Poisson().compute(T, P, 2.3), (2.3 * sum(LOSSES)) / 6);
    const w = [1.2, 1.2, 1.2, 3.4, 3.4, 3.4];
    expectClose(new Poisson().compute(T, P, [[1.2], [3.4]]), sum(LOSSES.map((l, i) => l * w[i]!)) / 6);
    const flat = [3, 6, 5, 0, 4, 2];
    const t3 = T.map((r) => r.map((v) => [v]));
    const p3 = P.map((r) => r.map((v) => [v]));
    expectClose(new Poisson().compute(t3, p3, [[3, 6, 5], [0, 4, 2]]), sum(LOSSES.map((l, i) => l * flat[i]!)) / 6);
  });

  it('is finite at y_pred = 0', () => {
    // 0 - 2 * log(1e-7) = 32.236
    expectClose(poisson([[2]], [[0]]), [-2 * Math.log(1e-7)], 1e-4);
  });
});

describe('Poisson config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const l = new Poisson({ reduction: 'sum', name: 'poisson' });
    expect(get(serialize(l)).getConfig()).toEqual({ name: 'poisson', reduction: 'sum' });
    expectNoLeak(() => l.compute(T, P, 2).dispose());
  });
});
