import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { MeanAbsolutePercentageError, meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's MeanAbsolutePercentageErrorTest (keras/src/losses/losses_test.py).
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];
// Row 1: 100 * (3/1 + 1/9 + 10/2) / 3; row 2: 100 * (13/5 + 3/2 + 3/6) / 3.
const ROW1 = (100 * (3 + 1 / 9 + 5)) / 3;
const ROW2 = (100 * (2.6 + 1.5 + 0.5)) / 3;

describe.each(BACKENDS)('MeanAbsolutePercentageError on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('hand-computed per-sample values', () => {
    expectClose(meanAbsolutePercentageError(T, P), [ROW1, ROW2]);
  });

  it('matches Keras losses_test.py', () => {
    const mape = new MeanAbsolutePercentageError();
    const unweighted = mape.compute(T, P);
    expectClose(unweighted.clone(), (ROW1 + ROW2) / 2);
    expect(unweighted.dataSync()[0]).toBeCloseTo(211.8518, 3); // test_unweighted
    expect(mape.compute(T, P, 2.3).dataSync()[0]).toBeCloseTo(487.259, 2); // test_scalar_weighted
    expectClose(mape.compute(T, P, [[1.2], [3.4]]), (ROW1 * 1.2 + ROW2 * 3.4) / 2); // 422.8888
    const t3 = [[[1], [9], [2]], [[-5], [-2], [6]]];
    const p3 = [[[4], [8], [12]], [[8], [1], [3]]];
    // test_timestep_weighted: (300*3 + 11.11*6 + 500*5 + 260*0 + 150*4 + 50*2) / 6 = 694.4444
    expectClose(mape.compute(t3, p3, [[3, 6, 5], [0, 4, 2]]), (900 + 600 / 9 + 2500 + 600 + 100) / 6);
    expectClose(new MeanAbsolutePercentageError({ reduction: null }).compute(T, P, 2.3), [ROW1 * 2.3, ROW2 * 2.3]);
    const mws = new MeanAbsolutePercentageError({ reduction: 'mean_with_sample_weight' });
    expect(mws.compute(T, P, [[1.2], [3.4]]).dataSync()[0]).toBeCloseTo(183.865, 2);
  });

  it('matches the Keras API docs example (tf.keras MeanAbsolutePercentageError)', () => {
    const t = [[2, 1], [2, 3]];
    const p = [[1, 1], [1, 0]];
    expectClose(new MeanAbsolutePercentageError().compute(t, p), 50);
    expectClose(new MeanAbsolutePercentageError().compute(t, p, [0.7, 0.3]), 20);
    expectClose(new MeanAbsolutePercentageError({ reduction: 'sum' }).compute(t, p), 100);
    expectClose(new MeanAbsolutePercentageError({ reduction: 'none' }).compute(t, p), [25, 75]);
  });

  it('divides by max(|y_true|, 1e-7): y_true = 0 stays finite', () => {
    // |0 - 1e-7| / 1e-7 = 1 -> 100 %.
    expectClose(meanAbsolutePercentageError([[0]], [[1e-7]]), [100], 1e-4);
  });
});

describe('MeanAbsolutePercentageError config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const mape = new MeanAbsolutePercentageError({ name: 'mymape' });
    expect(get(serialize(mape)).getConfig()).toEqual({ name: 'mymape', reduction: 'sum_over_batch_size' });
    expectNoLeak(() => mape.compute(T, P, [1, 2]).dispose());
  });
});
