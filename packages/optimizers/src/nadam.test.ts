import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Nadam } from './nadam.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu, variable } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/nadam_test.py (Keras 3).
describe('Nadam', () => {
  it('single step (Keras test_single_step: lr 0.5 -> 0.5314 below each value)', () => {
    const [x] = run(new Nadam({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    expectClose(x!, [0.4686, 1.4686, 2.4686, 3.4686], 0, 5e-5);
    expectClose(x!, reference('nadam', { lr: 0.5 }, [1, 2, 3, 4], [[1, 6, 7, 2]])[0]!);
  });

  it('golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [
      [0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281],
      [-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717],
      [-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084],
      [-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299],
      [-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454],
    ];
    const o = { beta1: 0.5, beta2: 0.67, epsilon: 1e-5 };
    const xs = run(new Nadam({ learningRate: 0.5, ...o }), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, golden[i]!, 0, 5e-5));
    const ref = reference('nadam', { lr: 0.5, ...o }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('restores its momentum cache from the iteration count', () => {
    const grads = goldenGrads(6);
    const straight = run(new Nadam({ learningRate: 0.1 }), new Array(10).fill(1), grads);
    const a = new Nadam({ learningRate: 0.1 });
    const v = variable(new Array(10).fill(1));
    for (const g of grads.slice(0, 3)) tf.tidy(() => a.applyGradients([[tf.tensor(g), v]]));
    const b = new Nadam({ learningRate: 0.1 });
    b.build([v]);
    const saved = a.getWeights();
    b.setWeights(saved);
    tf.dispose(saved);
    for (const g of grads.slice(3)) tf.tidy(() => b.applyGradients([[tf.tensor(g), v]]));
    expectClose(Array.from(v.dataSync()), straight[5]!, 1e-6);
    tf.dispose([v]);
    a.dispose();
    b.dispose();
  });

  it('round-trips its Keras config', () => {
    const opt = new Nadam({ learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5 });
    expect(opt.getConfig()).toMatchObject({ name: 'nadam', beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5 });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
  });

  it('leaks no tensor over 100 steps', () => expectNoLeak(() => new Nadam({ clipnorm: 1 })));
});
