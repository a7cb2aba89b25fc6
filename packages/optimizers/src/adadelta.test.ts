import { beforeAll, describe, expect, it } from 'vitest';
import { Adadelta } from './adadelta.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/adadelta_test.py (Keras 3).
describe('Adadelta', () => {
  it('single step (Keras test_single_step: lr 0.5 -> 0.9993 below each value)', () => {
    const [x] = run(new Adadelta({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    // Hand-computed for g = 1: Eg = 0.05, Δ = -sqrt(1e-7) / sqrt(0.05 + 1e-7) = -0.0014142, w = 1 - 0.0007071.
    expectClose(x!, [0.9993, 1.9993, 2.9993, 3.9993], 0, 5e-5);
    expectClose(x!, reference('adadelta', { lr: 0.5, rho: 0.95 }, [1, 2, 3, 4], [[1, 6, 7, 2]])[0]!);
  });

  it('golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [0.9978, 0.9947, 0.9915, 0.9882, 0.9849];
    const xs = run(new Adadelta({ learningRate: 1, rho: 0.8, epsilon: 1e-6 }), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, new Array(10).fill(golden[i]), 5e-4, 5e-4)); // Keras's tolerance
    const ref = reference('adadelta', { lr: 1, rho: 0.8, epsilon: 1e-6 }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('round-trips its Keras config', () => {
    const opt = new Adadelta({ learningRate: 0.5, rho: 0.9, epsilon: 1e-5 });
    expect(opt.getConfig()).toMatchObject({ name: 'adadelta', rho: 0.9, epsilon: 1e-5 });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
    expect(new Adadelta().getConfig()).toMatchObject({ rho: 0.95, epsilon: 1e-7 });
  });

  it('rejects rho outside [0, 1]', () => {
    expect(() => new Adadelta({ rho: 2 })).toThrow(/`rho` of Adadelta.*received 2/);
  });

  it('leaks no tensor over 100 steps', () => expectNoLeak(() => new Adadelta({ weightDecay: 0.01 })));
});
