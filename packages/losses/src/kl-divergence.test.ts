import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, sum, useBackend } from '../test/helpers.js';
import { KLDivergence, klDivergence } from './kl-divergence.js';
import { get, serialize } from './registry.js';

const clip = (x: number) => Math.min(Math.max(x, 1e-7), 1);
const kl = (t: number[], p: number[]) => sum(t.map((v, i) => clip(v) * Math.log(clip(v) / clip(p[i]!))));
// The data of Keras 3's KLDivergenceTest (keras/src/losses/losses_test.py).
const P = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
const T = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];

describe.each(BACKENDS)('KLDivergence on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (tf.keras KLDivergence)', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[0.6, 0.4], [0.4, 0.6]];
    // Row 1: 1e-7 log(1e-7/0.6) + log(1/0.4) = 0.916; row 2: 1e-7 (log(1e-7/0.4) + log(1e-7/0.6)) = -3.08e-6.
    const rows = [kl([0, 1], [0.6, 0.4]), kl([0, 0], [0.4, 0.6])];
    expectClose(klDivergence(t, p), rows, 1e-4);
    expectClose(new KLDivergence().compute(t, p), (rows[0]! + rows[1]!) / 2); // 0.458
    expectClose(new KLDivergence().compute(t, p, [0.8, 0.2]), (0.8 * rows[0]! + 0.2 * rows[1]!) / 2); // 0.366
    expectClose(new KLDivergence({ reduction: 'sum' }).compute(t, p), rows[0]! + rows[1]!); // 0.916
  });

  it('matches Keras losses_test.py (KLDivergenceTest)', () => {
    const rows = T.map((r, i) => kl(r, P[i]!));
    expectClose(new KLDivergence().compute(T, P), sum(rows) / 2);
    expectClose(new KLDivergence().compute(T, P, 2.3), (2.3 * sum(rows)) / 2);
    expectClose(new KLDivergence().compute(T, P, [[1.2], [3.4]]), (1.2 * rows[0]! + 3.4 * rows[1]!) / 2);
    const steps = T.flat().map((v, i) => kl([v], [P.flat()[i]!]));
    const w = [3, 6, 5, 0, 4, 2];
    const t3 = T.map((r) => r.map((v) => [v]));
    const p3 = P.map((r) => r.map((v) => [v]));
    expectClose(new KLDivergence().compute(t3, p3, [[3, 6, 5], [0, 4, 2]]), sum(steps.map((s, i) => s * w[i]!)) / 6);
  });

  it('is finite at 0 and 1 exactly', () => {
    const out = klDivergence([[1, 0]], [[0, 1]]).dataSync();
    expect(Number.isFinite(out[0])).toBe(true); // 1 * log(1 / 1e-7) + 1e-7 log(1e-7) = 16.118
  });
});

describe('KLDivergence config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips and leaks nothing', () => {
    const l = new KLDivergence({ reduction: 'sum', name: 'kld' });
    expect(get(serialize(l)).getConfig()).toEqual({ name: 'kld', reduction: 'sum' });
    expectNoLeak(() => l.compute(T, P, [1, 2]).dispose());
  });
});
