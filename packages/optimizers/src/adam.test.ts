import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { get, serialize } from './registry.js';
import { expectClose, expectNoLeak, run, useCpu, variable } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

// Keras numbers: keras/src/optimizers/adam_test.py (Keras 3), printed to 4 decimals there.
describe('Adam', () => {
  it('single step (Keras test_single_step: lr 0.5 -> [0.5, 1.5, 2.5, 3.5])', () => {
    const [x] = run(new Adam({ learningRate: 0.5 }), [1, 2, 3, 4], [[1, 6, 7, 2]]);
    expectClose(x!, [0.5, 1.5, 2.5, 3.5], 0, 1e-4);
    // Hand-computed: m = 0.1 g, v = 0.001 g², α = 0.5 · sqrt(0.001) / 0.1 = 0.158114;
    // w -= 0.1 g · α / (0.0316228 |g| + 1e-7) = 0.5 (up to ε): exactly 1 - 0.5 for g = 1.
    expectClose(x!, reference('adam', { lr: 0.5 }, [1, 2, 3, 4], [[1, 6, 7, 2]])[0]!);
  });

  it('amsgrad golden values over 5 steps (Keras test_correctness_with_golden)', () => {
    const golden = [0.999, 0.9982, 0.9974, 0.9965, 0.9955];
    const xs = run(new Adam({ amsgrad: true }), new Array(10).fill(1), goldenGrads(5));
    // Keras tiles one value per step over all ten elements and checks it with rtol = atol = 5e-4.
    xs.forEach((x, i) => expectClose(x, new Array(10).fill(golden[i]), 5e-4, 5e-4));
    const ref = reference('adam', { amsgrad: true }, new Array(10).fill(1), goldenGrads(5));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('matches the Keras rule to 1e-5 with every option over 6 steps', () => {
    const o = { beta1: 0.5, beta2: 0.67, epsilon: 1e-5 };
    const grads = goldenGrads(6);
    const xs = run(new Adam({ learningRate: 0.05, ...o, weightDecay: 0.01, clipnorm: 1 }), new Array(10).fill(1), grads);
    const ref = reference('adam', { lr: 0.05, ...o, weightDecay: 0.01, clipnorm: 1 }, new Array(10).fill(1), grads);
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('weight decay (Keras test_weight_decay: 2 -> 1.9760959 after three optimizers)', () => {
    const v = variable(2);
    const zero = tf.scalar(0);
    for (let i = 0; i < 3; i++) {
      const opt = new Adam({ learningRate: 1, weightDecay: 0.004 });
      opt.applyGradients([[zero, v]]);
      opt.dispose();
    }
    // Hand-computed: 2 · 0.996³ = 1.976095872; a zero gradient moves nothing else.
    expect(v.dataSync()[0]).toBeCloseTo(1.9760959, 6);
    tf.dispose([v, zero]);
  });

  it('tf.keras API docs example: minimize (var1²)/2 from 10 with lr 0.1 gives 9.9', () => {
    const v = variable(10);
    const opt = new Adam({ learningRate: 0.1 });
    opt.minimize(() => tf.div(tf.square(v), 2) as tf.Scalar, [v]).dispose();
    expect(v.dataSync()[0]).toBeCloseTo(9.9, 5);
    opt.dispose();
    v.dispose();
  });

  it('round-trips its Keras config', () => {
    const opt = new Adam({ learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5, amsgrad: true });
    expect(serialize(opt)).toEqual({
      class_name: 'Adam',
      config: {
        name: 'adam', learning_rate: 0.5, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null,
        use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, loss_scale_factor: null,
        gradient_accumulation_steps: null, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5, amsgrad: true,
      },
    });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
    expect(new Adam().getConfig().learning_rate).toBe(Math.fround(0.001)); // 0.0010000000474974513, as Keras writes
  });

  it('rejects beta_1 outside [0, 1)', () => {
    expect(() => new Adam({ beta1: 1 })).toThrow('Invalid `beta_1` of Adam: expected a number in [0, 1), received 1.');
    expect(() => new Adam({ beta2: -0.1 })).toThrow(/`beta_2` of Adam.*received -0.1/);
  });

  it('leaks no tensor over 100 steps (amsgrad, weight decay, clipping)', () => {
    expectNoLeak(() => new Adam({ amsgrad: true, weightDecay: 0.01, globalClipnorm: 1 }));
  });
});
