import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, mean, useBackend } from '../test/helpers.js';
import { MeanSquaredLogarithmicError, meanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { get, serialize } from './registry.js';

// The data of Keras 3's MeanSquaredLogarithmicErrorTest (keras/src/losses/losses_test.py).
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];
const lg = (x: number) => Math.log(Math.max(x, 1e-7) + 1);
/** float64 reference of the formula, element by element. */
const elementwise = (t: number[][], p: number[][]) => t.map((r, i) => r.map((v, j) => (lg(p[i]![j]!) - lg(v)) ** 2));
const ROWS = elementwise(T, P).map(mean);

describe.each(BACKENDS)('MeanSquaredLogarithmicError on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the float64 formula per sample', () => {
    expectClose(meanSquaredLogarithmicError(T, P), ROWS);
  });

  it('matches Keras losses_test.py', () => {
    const msle = new MeanSquaredLogarithmicError();
    expect(msle.compute(T, P).dataSync()[0]).toBeCloseTo(1.437, 3); // test_unweighted
    expectClose(msle.compute(T, P), mean(ROWS));
    expect(msle.compute(T, P, 2.3).dataSync()[0]).toBeCloseTo(3.3051, 3); // test_scalar_weighted
    expect(msle.compute(T, P, [[1.2], [3.4]]).dataSync()[0]).toBeCloseTo(3.7856, 3); // test_sample_weighted
    expectClose(msle.compute(T, P, [[1.2], [3.4]]), (ROWS[0]! * 1.2 + ROWS[1]! * 3.4) / 2);
    const e = elementwise(T, P).flat();
    const w = [3, 6, 5, 0, 4, 2];
    const t3 = [[[1], [9], [2]], [[-5], [-2], [6]]];
    const p3 = [[[4], [8], [12]], [[8], [1], [3]]];
    const timestep = msle.compute(t3, p3, [[3, 6, 5], [0, 4, 2]]);
    expect(timestep.dataSync()[0]).toBeCloseTo(2.647374, 5); // test_timestep_weighted
    expectClose(timestep, e.reduce((a, v, i) => a + v * w[i]!, 0) / 6);
  });

  it('matches the Keras API docs example (tf.keras MeanSquaredLogarithmicError)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [1, 0]];
    const row = (Math.log(2) - Math.log(1 + 1e-7)) ** 2 / 2; // 0.240
    expectClose(new MeanSquaredLogarithmicError().compute(t, p), row);
    expectClose(new MeanSquaredLogarithmicError().compute(t, p, [0.7, 0.3]), row / 2); // 0.120
    expectClose(new MeanSquaredLogarithmicError({ reduction: 'sum' }).compute(t, p), 2 * row); // 0.480
    expectClose(new MeanSquaredLogarithmicError({ reduction: 'none' }).compute(t, p), [row, row]);
  });
});

describe('MeanSquaredLogarithmicError config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const msle = new MeanSquaredLogarithmicError({ name: 'mysloge', reduction: 'mean' });
    expect(get(serialize(msle)).getConfig()).toEqual({ name: 'mysloge', reduction: 'mean' });
    expectNoLeak(() => msle.compute(T, P, 2).dispose());
  });
});
