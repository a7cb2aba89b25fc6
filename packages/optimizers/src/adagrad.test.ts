import { beforeAll, describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/adagrad_test.py (Keras 3).
describe('Adagrad', () => {
  it('single step (Keras test_single_step)', () => {
    const [x] = run(new Adagrad({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    // Hand-computed for g = 1: acc = 0.1 + 1 = 1.1, w = 1 - 0.5 / sqrt(1.1) = 0.523270.
    expectClose(x!, [0.5233, 1.5007, 2.5005, 3.5061], 0, 5e-5);
    expectClose(x!, reference('adagrad', { lr: 0.5 }, [1, 2, 3, 4], [[1, 6, 7, 2]])[0]!);
  });

  it('golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [
      [0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963],
      [0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209],
      [0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891],
      [0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579],
      [0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825],
    ];
    const o = { learningRate: 0.2, initialAccumulatorValue: 0.3, epsilon: 1e-6 };
    const xs = run(new Adagrad(o), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, golden[i]!, 0, 5e-5));
    const ref = reference('adagrad', { lr: 0.2, initialAccumulator: 0.3, epsilon: 1e-6 }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('round-trips its Keras config (name "adagrad", accumulator 0.1)', () => {
    const opt = new Adagrad();
    expect(opt.getConfig()).toMatchObject({ name: 'adagrad', learning_rate: Math.fround(0.001), initial_accumulator_value: 0.1, epsilon: 1e-7 });
    const custom = new Adagrad({ learningRate: 0.5, initialAccumulatorValue: 0.2, epsilon: 1e-5 });
    expect(get(serialize(custom)).getConfig()).toEqual(custom.getConfig());
  });

  it('rejects a negative accumulator', () => {
    expect(() => new Adagrad({ initialAccumulatorValue: -1 })).toThrow(/`initial_accumulator_value` of Adagrad.*received -1/);
  });

  it('leaks no tensor over 100 steps', () => expectNoLeak(() => new Adagrad({ clipvalue: 0.1 })));
});
