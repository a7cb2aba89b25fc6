import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { MeanSquaredError, meanSquaredError } from './mean-squared-error.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's MeanSquaredErrorTest (keras/src/losses/losses_test.py).
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];

describe.each(BACKENDS)('MeanSquaredError on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('hand-computed per-sample values', () => {
    // Row 1: (3² + 1² + 10²) / 3 = 110/3; row 2: (13² + 3² + 3²) / 3 = 187/3.
    expectClose(meanSquaredError(T, P), [110 / 3, 187 / 3]);
  });

  it('matches Keras losses_test.py (unweighted, scalar, per-sample, per-timestep, zero)', () => {
    const mse = new MeanSquaredError();
    expectClose(mse.compute(T, P), 49.5); // test_unweighted
    expectClose(mse.compute(T, P, 2.3), 113.85); // test_scalar_weighted
    expectClose(mse.compute(T, P, [[1.2], [3.4]]), 767.8 / 6); // test_sample_weighted
    const t3 = [[[1], [9], [2]], [[-5], [-2], [6]]];
    const p3 = [[[4], [8], [12]], [[8], [1], [3]]];
    expectClose(mse.compute(t3, p3, [[3, 6, 5], [0, 4, 2]]), 97.833336); // test_timestep_weighted
    expectClose(mse.compute(T, P, 0), 0); // test_zero_weighted
  });

  it('matches Keras losses_test.py reductions (none, sum, mean_with_sample_weight)', () => {
    expectClose(new MeanSquaredError({ reduction: null }).compute(T, P, 2.3), [(110 / 3) * 2.3, (187 / 3) * 2.3]);
    expectClose(new MeanSquaredError({ reduction: 'sum' }).compute(T, P, 2.3), 227.69998);
    expectClose(
      new MeanSquaredError({ reduction: 'mean_with_sample_weight' }).compute(T, P, [[1.2], [3.4]]),
      ((110 / 3) * 1.2 + (187 / 3) * 3.4) / (1.2 + 3.4),
    );
  });

  it('matches the Keras API docs example (tf.keras MeanSquaredError)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [1, 0]];
    expectClose(new MeanSquaredError().compute(t, p), 0.5);
    expectClose(new MeanSquaredError().compute(t, p, [0.7, 0.3]), 0.25);
    expectClose(new MeanSquaredError({ reduction: 'sum' }).compute(t, p), 1.0);
    expectClose(new MeanSquaredError({ reduction: 'none' }).compute(t, p), [0.5, 0.5]);
  });

  it('broadcasts y_true [3] against y_pred [3, 1] as Keras does (test_base_function_reduction)', () => {
    const out = meanSquaredError([4, 8, 12], [[3], [0], [1]]);
    expect(out.shape).toEqual([3]);
    expectClose(out, [1, 64, 121]);
  });
});

describe('MeanSquaredError config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips through serialize/get', () => {
    const mse = new MeanSquaredError({ name: 'mymse', reduction: 'sum' });
    expect(serialize(mse)).toEqual({ class_name: 'MeanSquaredError', config: { name: 'mymse', reduction: 'sum' } });
    expect(get(serialize(mse)).getConfig()).toEqual(mse.getConfig());
    expect(new MeanSquaredError().getConfig()).toEqual({ name: 'mean_squared_error', reduction: 'sum_over_batch_size' });
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => {
      new MeanSquaredError().compute(T, P, [1, 2]).dispose();
      meanSquaredError(T, P).dispose();
    });
  });
});
