import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, sum, useBackend } from '../test/helpers.js';
import { LogCosh, logCosh } from './log-cosh.js';
import { get, serialize } from './registry.js';

const lc = (x: number) => Math.log(Math.cosh(x));
// The data of Keras 3's LogCoshTest (keras/src/losses/losses_test.py): errors y_pred - y_true.
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];
const ERRORS = [3, -1, 10, 13, 3, -3];

describe.each(BACKENDS)('LogCosh on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (keras.losses.log_cosh, tf.keras LogCosh)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [0, 0]];
    // Row 1: (log(cosh(1)) + 0) / 2 = 0.2169; row 2: 0.
    expectClose(logCosh(t, p), [lc(1) / 2, 0]);
    expectClose(new LogCosh().compute(t, p), lc(1) / 4); // 0.108
    expectClose(new LogCosh().compute(t, p, [0.8, 0.2]), (0.8 * lc(1)) / 4); // 0.087
    expectClose(new LogCosh({ reduction: 'sum' }).compute(t, p), lc(1) / 2); // 0.217
  });

  it('matches Keras losses_test.py (LogCoshTest)', () => {
    const losses = ERRORS.map(lc);
    expectClose(new LogCosh().compute(T, P), sum(losses) / 6);
    expectClose(new LogCosh().compute(T, P, 2.3), (2.3 * sum(losses)) / 6);
    const w = [1.2, 1.2, 1.2, 3.4, 3.4, 3.4];
    expectClose(new LogCosh().compute(T, P, [1.2, 3.4]), sum(losses.map((l, i) => l * w[i]!)) / 6);
    const tw = [[[3], [6], [5]], [[0], [4], [2]]];
    const t3 = T.map((r) => r.map((v) => [v]));
    const p3 = P.map((r) => r.map((v) => [v]));
    const flat = [3, 6, 5, 0, 4, 2];
    expectClose(new LogCosh().compute(t3, p3, tw), sum(losses.map((l, i) => l * flat[i]!)) / 6);
  });

  it('stays finite for large errors (no cosh overflow)', () => {
    // log(cosh(100)) = 100 - log(2) + log(1 + e^-200).
    expectClose(logCosh([[0]], [[100]]), [100 - Math.log(2)]);
  });
});

describe('LogCosh config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const l = new LogCosh({ reduction: 'sum', name: 'logcosh_loss' });
    expect(get(serialize(l)).getConfig()).toEqual({ name: 'logcosh_loss', reduction: 'sum' });
    expectNoLeak(() => l.compute(T, P, [1, 2]).dispose());
  });
});
