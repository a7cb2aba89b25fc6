import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SGD } from './sgd.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu, variable } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/sgd_test.py (Keras 3) and the tf.keras SGD API docs.
describe('SGD', () => {
  it('single step (Keras test_single_step: lr 0.5 -> [0.5, -1, -0.5, 3])', () => {
    const opt = new SGD({ learningRate: 0.5 });
    const [x] = run(opt, [1, 2, 3, 4], [[1, 6, 7, 2]]);
    // Hand-computed: w - 0.5 g = [1 - 0.5, 2 - 3, 3 - 3.5, 4 - 1].
    expectClose(x!, [0.5, -1, -0.5, 3]);
    expect(opt.iterations).toBe(1);
  });

  it('nesterov golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [
      [0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999],
      [0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899],
      [0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799],
      [0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699],
      [0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599],
    ];
    const xs = run(new SGD({ nesterov: true }), new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, golden[i]!, 0, 5e-5)); // exact to the 4 decimals Keras prints
  });

  it('momentum and nesterov follow the Keras rule to 1e-5 (with clipvalue and weight decay)', () => {
    for (const nesterov of [false, true]) {
      const o = { momentum: 0.9, nesterov, clipvalue: 0.5, weightDecay: 0.1 };
      const xs = run(new SGD({ learningRate: 0.1, ...o }), new Array(10).fill(1), goldenGrads(6));
      const ref = reference('sgd', { lr: 0.1, ...o }, new Array(10).fill(1), goldenGrads(6));
      xs.forEach((x, i) => expectClose(x, ref[i]!));
    }
  });

  it('tf.keras API docs: momentum 0.9, lr 0.1 on (var²)/2 from 1 moves by 0.1 then 0.18', () => {
    const v = variable(1);
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const loss = () => tf.div(tf.square(v), 2) as tf.Scalar;
    opt.minimize(loss, [v]).dispose();
    expect(v.dataSync()[0]).toBeCloseTo(0.9, 6);
    opt.minimize(loss, [v]).dispose();
    // Hand-computed: m = 0.9 · (-0.1) - 0.1 · 0.9 = -0.18, so 0.9 - 0.18 = 0.72.
    expect(v.dataSync()[0]).toBeCloseTo(0.72, 6);
    opt.dispose();
    v.dispose();
  });

  it('round-trips its Keras config', () => {
    const opt = new SGD({ learningRate: 0.5, momentum: 0.06, nesterov: true, weightDecay: 0.004 });
    const config = serialize(opt);
    expect(config.config).toMatchObject({ name: 'SGD', learning_rate: 0.5, momentum: 0.06, nesterov: true, weight_decay: 0.004 });
    expect(get(config).getConfig()).toEqual(opt.getConfig());
  });

  it('rejects momentum outside [0, 1]', () => {
    expect(() => new SGD({ momentum: 1.5 })).toThrow('Invalid `momentum` of SGD: expected a number in [0, 1], received 1.5.');
  });

  it('leaks no tensor over 100 steps', () => {
    expectNoLeak(() => new SGD({ momentum: 0.9, nesterov: true, clipnorm: 1 }));
  });
});
