import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { MeanAbsoluteError, meanAbsoluteError } from './mean-absolute-error.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's MeanAbsoluteErrorTest (keras/src/losses/losses_test.py).
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];

describe.each(BACKENDS)('MeanAbsoluteError on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('hand-computed per-sample values', () => {
    // Row 1: (3 + 1 + 10) / 3 = 14/3; row 2: (13 + 3 + 3) / 3 = 19/3.
    expectClose(meanAbsoluteError(T, P), [14 / 3, 19 / 3]);
  });

  it('matches Keras losses_test.py', () => {
    const mae = new MeanAbsoluteError();
    expectClose(mae.compute(T, P), 5.5); // test_unweighted
    expectClose(mae.compute(T, P, 2.3), 12.65); // test_scalar_weighted
    expectClose(mae.compute(T, P, [[1.2], [3.4]]), 81.4 / 6); // test_sample_weighted
    const t3 = [[[1], [9], [2]], [[-5], [-2], [6]]];
    const p3 = [[[4], [8], [12]], [[8], [1], [3]]];
    expectClose(mae.compute(t3, p3, [[3, 6, 5], [0, 4, 2]]), 13.833333); // test_timestep_weighted
    expectClose(new MeanAbsoluteError({ reduction: null }).compute(T, P, 2.3), [(14 / 3) * 2.3, (19 / 3) * 2.3]);
    expectClose(new MeanAbsoluteError({ reduction: 'sum' }).compute(T, P, 2.3), 25.29999);
    expectClose(
      new MeanAbsoluteError({ reduction: 'mean_with_sample_weight' }).compute(T, P, [[1.2], [3.4]]),
      ((14 / 3) * 1.2 + (19 / 3) * 3.4) / (1.2 + 3.4),
    );
  });

  it('matches the Keras API docs example (tf.keras MeanAbsoluteError)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [1, 0]];
    expectClose(new MeanAbsoluteError().compute(t, p), 0.5);
    expectClose(new MeanAbsoluteError().compute(t, p, [0.7, 0.3]), 0.25);
    expectClose(new MeanAbsoluteError({ reduction: 'sum' }).compute(t, p), 1.0);
    expectClose(new MeanAbsoluteError({ reduction: 'none' }).compute(t, p), [0.5, 0.5]);
  });
});

describe('MeanAbsoluteError config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips through serialize/get', () => {
    const mae = new MeanAbsoluteError({ name: 'myname' });
    expect(get(serialize(mae)).getConfig()).toEqual({ name: 'myname', reduction: 'sum_over_batch_size' });
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => {
      new MeanAbsoluteError().compute(T, P, 2).dispose();
      meanAbsoluteError(T, P).dispose();
    });
  });
});
