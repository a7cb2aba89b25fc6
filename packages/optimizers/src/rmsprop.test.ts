import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RMSprop } from './rmsprop.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu, variable } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/rmsprop_test.py and the RMSprop docstring (Keras 3).
describe('RMSprop', () => {
  it('single step (Keras test_single_step)', () => {
    const [x] = run(new RMSprop({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    // Hand-computed for g = 1: v = 0.1, w = 1 - 0.5 / sqrt(0.1 + 1e-7) = -0.581139.
    expectClose(x!, [-0.5811, 0.4189, 1.4189, 2.4189], 0, 5e-5);
  });

  it('centered golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [0.9967, 0.9933, 0.9908, 0.9885, 0.9864];
    const xs = run(new RMSprop({ centered: true }), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, new Array(10).fill(golden[i]), 5e-4, 5e-4)); // Keras's tolerance
    const ref = reference('rmsprop', { centered: true }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('momentum + centered follow the Keras rule to 1e-5', () => {
    const o = { rho: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true };
    const xs = run(new RMSprop({ learningRate: 0.01, ...o }), new Array(10).fill(1), goldenGrads(6));
    const ref = reference('rmsprop', { lr: 0.01, ...o }, new Array(10).fill(1), goldenGrads(6));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('Keras docstring: minimize (var1²)/2 from 10 with lr 0.1 gives 9.683772', () => {
    const v = variable(10);
    const opt = new RMSprop({ learningRate: 0.1 });
    opt.minimize(() => tf.div(tf.square(v), 2) as tf.Scalar, [v]).dispose();
    expect(v.dataSync()[0]).toBeCloseTo(9.683772, 5);
    opt.dispose();
    v.dispose();
  });

  it('orders slots velocity, momentum, average_gradient', () => {
    const v = variable([1, 2], 'dense/kernel');
    const opt = new RMSprop({ momentum: 0.5, centered: true });
    opt.build([v]);
    expect(opt.getWeightNames()).toEqual([
      'iteration', 'dense_kernel_velocity', 'dense_kernel_momentum', 'dense_kernel_average_gradient',
    ]);
    opt.dispose();
    v.dispose();
  });

  it('round-trips its Keras config', () => {
    const opt = new RMSprop({ learningRate: 0.5, rho: 0.8, momentum: 0.05, epsilon: 1e-6, centered: true });
    expect(opt.getConfig()).toMatchObject({ name: 'rmsprop', rho: 0.8, momentum: 0.05, epsilon: 1e-6, centered: true });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
  });

  it('leaks no tensor over 100 steps', () => expectNoLeak(() => new RMSprop({ momentum: 0.9, centered: true })));
});
