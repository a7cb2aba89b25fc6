import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { SquaredHinge, squaredHinge } from './squared-hinge.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's SquaredHingeTest (keras/src/losses/losses_test.py) and the tf.keras docs.
const T = [[0, 1], [0, 0]];
const P = [[0.6, 0.4], [0.4, 0.6]];

describe.each(BACKENDS)('SquaredHinge on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches Keras losses_test.py (test_unweighted, test_weighted)', () => {
    // Row 1: (1.6² + 0.6²) / 2 = 1.46; row 2: (1.4² + 1.6²) / 2 = 2.26.
    expectClose(new SquaredHinge().compute(T, P), 1.86);
    expectClose(new SquaredHinge({ reduction: 'sum' }).compute(T, P), 3.72);
    expectClose(new SquaredHinge({ reduction: null }).compute(T, P), [1.46, 2.26]);
    expectClose(new SquaredHinge().compute(T, P, [1, 0]), 0.73);
    expectClose(new SquaredHinge({ reduction: 'sum' }).compute(T, P, [1, 0]), 1.46);
    expectClose(new SquaredHinge({ reduction: null }).compute(T, P, [1, 0]), [1.46, 0]);
  });

  it('keeps non-binary labels (hand-computed)', () => {
    // [-1, 2]: max(1 + 0.5, 0)² = 2.25, max(1 - 1, 0)² = 0 -> 1.125
    expectClose(squaredHinge([[-1, 2]], [[0.5, 0.5]]), [1.125]);
  });
});

describe('SquaredHinge config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const h = new SquaredHinge({ name: 'sh' });
    expect(get(serialize(h)).getConfig()).toEqual({ name: 'sh', reduction: 'sum_over_batch_size' });
    expectNoLeak(() => h.compute(T, P, [1, 0]).dispose());
  });
});
