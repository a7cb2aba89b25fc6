import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { CategoricalHinge, categoricalHinge } from './categorical-hinge.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's CategoricalHingeTest (keras/src/losses/losses_test.py) and the tf.keras docs.
const T = [[0, 1], [0, 0]];
const P = [[0.6, 0.4], [0.4, 0.6]];

describe.each(BACKENDS)('CategoricalHinge on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches Keras losses_test.py (test_unweighted, test_weighted)', () => {
    // Row 1: pos = 0.4, neg = 0.6 -> 0.6 - 0.4 + 1 = 1.2. Row 2: pos = 0, neg = 0.6 -> 1.6.
    expectClose(categoricalHinge(T, P), [1.2, 1.6]);
    expectClose(new CategoricalHinge().compute(T, P), 1.4);
    expectClose(new CategoricalHinge({ reduction: 'sum' }).compute(T, P), 2.8);
    expectClose(new CategoricalHinge().compute(T, P, [1, 0]), 0.6);
    expectClose(new CategoricalHinge({ reduction: 'sum' }).compute(T, P, [1, 0]), 1.2);
    expectClose(new CategoricalHinge({ reduction: null }).compute(T, P, [1, 0]), [1.2, 0]);
  });

  it('is 0 once the margin is met (hand-computed)', () => {
    // pos = 3, neg = 1 -> max(1 - 3 + 1, 0) = 0
    expectClose(categoricalHinge([[0, 1, 0]], [[1, 3, 0.5]]), [0]);
  });
});

describe('CategoricalHinge config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const h = new CategoricalHinge({ name: 'ch', reduction: 'mean' });
    expect(get(serialize(h)).getConfig()).toEqual({ name: 'ch', reduction: 'mean' });
    expectNoLeak(() => h.compute(T, P, [1, 0]).dispose());
  });
});
