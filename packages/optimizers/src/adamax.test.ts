import { beforeAll, describe, expect, it } from 'vitest';
import { Adamax } from './adamax.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/adamax_test.py (Keras 3).
describe('Adamax', () => {
  it('single step (Keras test_single_step: lr 0.5 -> [0.5, 1.5, 2.5, 3.5])', () => {
    const [x] = run(new Adamax({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    // Hand-computed: m = 0.1 g, u = |g|, w -= 0.5 · 0.1 g / (0.1 (|g| + 1e-7)) = 0.5.
    expectClose(x!, [0.5, 1.5, 2.5, 3.5], 0, 1e-5);
  });

  it('golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [
      [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
      [0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691],
      [0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466],
      [0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848],
      [0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126],
    ];
    const o = { beta1: 0.85, beta2: 0.95, epsilon: 1e-6 };
    const xs = run(new Adamax({ learningRate: 0.2, ...o }), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, golden[i]!, 0, 5e-5));
    const ref = reference('adamax', { lr: 0.2, ...o }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('round-trips its Keras config', () => {
    const opt = new Adamax({ learningRate: 0.5, beta1: 0.8, beta2: 0.95, epsilon: 1e-5 });
    expect(opt.getConfig()).toMatchObject({ name: 'adamax', beta_1: 0.8, beta_2: 0.95, epsilon: 1e-5 });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
  });

  it('rejects beta_1 outside [0, 1)', () => {
    expect(() => new Adamax({ beta1: 1.2 })).toThrow(/`beta_1` of Adamax.*received 1.2/);
  });

  it('leaks no tensor over 100 steps', () => expectNoLeak(() => new Adamax()));
});
