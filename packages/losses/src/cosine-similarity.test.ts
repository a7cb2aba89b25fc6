import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, sum, useBackend } from '../test/helpers.js';
import { CosineSimilarity, cosineSimilarity } from './cosine-similarity.js';
import { get, serialize } from './registry.js';

const norm = (v: number[]) => Math.sqrt(sum(v.map((x) => x * x)));
const cos = (a: number[], b: number[]) => sum(a.map((x, i) => x * b[i]!)) / (norm(a) * norm(b));
// The data of Keras 3's CosineSimilarityTest (keras/src/losses/losses_test.py).
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];
const ROWS = T.map((r, i) => -cos(r, P[i]!));

describe.each(BACKENDS)('CosineSimilarity on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (keras.losses.cosine_similarity)', () => {
    // Orthogonal -> -0; same direction -> -1; opposite -> +1 (Keras prints -0., -0.99999994, 0.99999994).
    const out = cosineSimilarity([[0, 1], [1, 1], [1, 1]], [[1, 0], [1, 1], [-1, -1]]);
    expectClose(out, [0, -1, 1]);
  });

  it('matches the Keras API docs example (tf.keras CosineSimilarity)', () => {
    const t = [[0, 1], [1, 1]];
    const p = [[1, 0], [1, 1]];
    expectClose(new CosineSimilarity().compute(t, p), -0.5);
    expectClose(new CosineSimilarity().compute(t, p, [0.8, 0.2]), -0.1); // printed -0.0999
    expectClose(new CosineSimilarity({ reduction: 'sum' }).compute(t, p), -1); // printed -0.999
  });

  it('matches Keras losses_test.py (unweighted, scalar, per-sample, axis)', () => {
    expectClose(new CosineSimilarity().compute(T, P), sum(ROWS) / 2);
    expectClose(new CosineSimilarity().compute(T, P, 2.3), (2.3 * sum(ROWS)) / 2);
    expectClose(new CosineSimilarity().compute(T, P, [1.2, 3.4]), (1.2 * ROWS[0]! + 3.4 * ROWS[1]!) / 2);
    expectClose(new CosineSimilarity({ axis: 1 }).compute(T, P), sum(ROWS) / 2);
    // axis 0: the columns are the vectors.
    const cols = [0, 1, 2].map((j) => -cos([T[0]![j]!, T[1]![j]!], [P[0]![j]!, P[1]![j]!]));
    expectClose(cosineSimilarity(T, P, { axis: 0 }), cols);
  });

  it('gives 0 (not NaN) for a zero vector', () => {
    expectClose(cosineSimilarity([[0, 0]], [[1, 2]]), [0]);
  });
});

describe('CosineSimilarity config', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips axis (which Keras 3 itself drops)', () => {
    const c = new CosineSimilarity({ axis: 2, reduction: 'sum', name: 'cosine_loss' });
    expect(c.getConfig()).toEqual({ name: 'cosine_loss', reduction: 'sum', axis: 2 });
    expect((get(serialize(c)) as CosineSimilarity).axis).toBe(2);
    expect(() => cosineSimilarity(T, P, { axis: 2 })).toThrow(/axis for CosineSimilarity/);
  });
  it('leaks no tensors', () => {
    expectNoLeak(() => new CosineSimilarity().compute(T, P, [1, 2]).dispose());
  });
});
