import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { Hinge, hinge } from './hinge.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's HingeTest (keras/src/losses/losses_test.py) and the tf.keras docs.
const T = [[0, 1], [0, 0]];
const P = [[0.6, 0.4], [0.4, 0.6]];

describe.each(BACKENDS)('Hinge on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches Keras losses_test.py (test_unweighted, test_weighted)', () => {
    // 0/1 labels become -1/+1: row 1 (1.6 + 0.6) / 2 = 1.1; row 2 (1.4 + 1.6) / 2 = 1.5.
    expectClose(new Hinge().compute(T, P), 1.3);
    expectClose(new Hinge({ reduction: 'sum' }).compute(T, P), 2.6);
    expectClose(new Hinge({ reduction: null }).compute(T, P), [1.1, 1.5]);
    expectClose(new Hinge().compute(T, P, [1, 0]), 0.55);
    expectClose(new Hinge({ reduction: 'sum' }).compute(T, P, [1, 0]), 1.1);
    expectClose(new Hinge({ reduction: null }).compute(T, P, [1, 0]), [1.1, 0]);
    expectClose(new Hinge().compute(T, P, 0), 0);
  });

  it('uses -1/+1 labels as they are (hand-computed)', () => {
    // max(1 - (-1)(0.3), 0) = 1.3, max(1 - (1)(-0.2), 0) = 1.2 -> 1.25
    expectClose(hinge([[-1, 1]], [[0.3, -0.2]]), [1.25]);
  });

  it('converts only when EVERY label is 0 or 1', () => {
    // [0, 2] is not binary, so unchanged: max(1 - 0, 0) = 1, max(1 - 2 * 0.5, 0) = 0 -> 0.5.
    expectClose(hinge([[0, 2]], [[0.5, 0.5]]), [0.5]);
    // [0, 1] is binary -> [-1, 1]: 1.5 and 0.5 -> 1.0.
    expectClose(hinge([[0, 1]], [[0.5, 0.5]]), [1.0]);
  });

  it('rejects a bad reduction, naming the loss', () => {
    expect(() => new Hinge({ reduction: 'abc' as never })).toThrow(/reduction for Hinge.*"abc"/);
  });
});

describe('Hinge config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const h = new Hinge({ name: 'h', reduction: 'none' });
    expect(get(serialize(h)).getConfig()).toEqual({ name: 'h', reduction: 'none' });
    expectNoLeak(() => new Hinge().compute(T, P, [1, 0]).dispose());
  });
});
