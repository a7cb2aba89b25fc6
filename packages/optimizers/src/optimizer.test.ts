import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExponentialDecay, PiecewiseConstantDecay } from '@neuralkit/schedules';
import { Adam } from './adam.js';
import { SGD } from './sgd.js';
import { get, optimizerRegistry, serialize } from './registry.js';
import { expectClose, run, useCpu, variable } from '../test/helpers.js';
import { goldenGrads, reference } from '../test/reference.js';

beforeAll(useCpu);

describe('Optimizer base', () => {
  it('a schedule is evaluated at the iteration count before the update', () => {
    // PiecewiseConstantDecay: 1.0 while step <= 2, then 0.1. With SGD and gradient 1 the
    // variable moves 1, 1, 1 (steps 0, 1, 2), then 0.1 from step 3 on, as Keras would.
    const opt = new SGD({ learningRate: new PiecewiseConstantDecay({ boundaries: [2], values: [1, 0.1] }) });
    const moves = run(opt, [10], [[1], [1], [1], [1], [1]]).map((x) => x[0]!);
    expectClose(moves, [9, 8, 7, 6.9, 6.8], 1e-6);
  });

  it("the lecture's SGD(ExponentialDecay(0.1, 100000, 0.96, staircase)) changes its rate at step 100000", () => {
    const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100000, decayRate: 0.96, staircase: true });
    const opt = new SGD({ learningRate: schedule });
    const v = variable([0]);
    opt.build([v]);
    const weights = [tf.scalar(99999, 'int32')];
    opt.setWeights(weights);
    expect(opt.currentLearningRate()).toBe(Math.fround(0.1));
    tf.tidy(() => opt.applyGradients([[tf.tensor([1]), v]]));
    expect(opt.iterations).toBe(100000);
    expect(opt.currentLearningRate()).toBe(Math.fround(0.096));
    tf.tidy(() => opt.applyGradients([[tf.tensor([1]), v]]));
    expectClose(Array.from(v.dataSync()), [-0.196], 1e-6);
    expect(serialize(opt).config.learning_rate).toEqual({ class_name: 'ExponentialDecay', config: schedule.getConfig() });
    expect(get(serialize(opt)).getConfig()).toEqual(opt.getConfig());
    tf.dispose([v, ...weights]);
    opt.dispose();
  });

  it('Adam driven by ExponentialDecay matches the Keras rule step by step', () => {
    const lr = (step: number) => 0.05 * 0.9 ** step; // ExponentialDecay(0.05, 1, 0.9), as Keras's fit test
    const opt = new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 1, decayRate: 0.9 }) });
    const xs = run(opt, new Array(10).fill(1), goldenGrads(6));
    const ref = reference('adam', { lr }, new Array(10).fill(1), goldenGrads(6));
    xs.forEach((x, i) => expectClose(x, ref[i]!));
  });

  it('learningRate can be set after construction', () => {
    const opt = new SGD({ learningRate: 0.1 });
    opt.learningRate = 0.01;
    const [x] = run(opt, [1], [[1]]);
    expectClose(x!, [0.99], 1e-6);
    expect(opt.getConfig().learning_rate).toBe(Math.fround(0.01));
    const scheduled = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }) });
    expect(() => (scheduled.learningRate = 0.1)).toThrow(/SGD: it was created with a schedule.*received 0.1/);
    expect(() => (opt.learningRate = -1)).toThrow('Invalid `learning_rate` of SGD: expected a finite number >= 0 or a learning rate schedule, received -1.');
  });

  it('clipnorm, clipvalue and global_clipnorm (Keras test_clip_norm, test_clip_value, test_global_clip_norm)', () => {
    // With SGD(lr=1) the move is the clipped gradient.
    const moved = (o: object, g: number[]) => run(new SGD({ learningRate: 1, ...o }), [0, 0], [g])[0]!.map((x) => -x);
    expectClose(moved({ clipnorm: 1 }, [100, 100]), [2 ** 0.5 / 2, 2 ** 0.5 / 2], 1e-6);
    expectClose(moved({ clipvalue: 1 }, [100, -100]), [1, -1], 1e-6);
    const norm = Math.hypot(50, 100);
    expectClose(moved({ globalClipnorm: 1 }, [50, 100]), [50 / norm, 100 / norm], 1e-6);
    expectClose(moved({ clipnorm: 1000 }, [3, 4]), [3, 4], 1e-6); // under the norm: unchanged
  });

  it('global_clipnorm scales all variables together; loss_scale_factor divides gradients', () => {
    const a = variable([0]);
    const b = variable([0]);
    const opt = new SGD({ learningRate: 1, globalClipnorm: 1 });
    tf.tidy(() => opt.applyGradients([[tf.tensor([3]), a], [tf.tensor([4]), b]]));
    // Hand-computed: global norm 5, scale 1/5 -> moves 0.6 and 0.8.
    expectClose([a.dataSync()[0]!, b.dataSync()[0]!], [-0.6, -0.8], 1e-6);
    const scaled = run(new SGD({ learningRate: 1, lossScaleFactor: 1024 }), [1, 2], [[1024, 2048]]);
    expectClose(scaled[0]!, [0, 0], 0, 1e-6); // Keras test_static_loss_scaling
    tf.dispose([a, b]);
    opt.dispose();
  });

  it('weight decay skips excluded variables (Keras test_weight_decay)', () => {
    const v1 = variable(2);
    const v2 = variable(2, 'exclude');
    const zero = tf.scalar(0);
    const opt = new SGD({ learningRate: 1, weightDecay: 0.004 });
    opt.excludeFromWeightDecay({ varNames: ['exclude'] });
    opt.applyGradients([[zero, v1], [zero, v2]]);
    expect(v1.dataSync()[0]).toBeCloseTo(1.992, 6); // 2 - 2 · 0.004 · 1
    expect(v2.dataSync()[0]).toBe(2);
    tf.dispose([v1, v2, zero]);
    opt.dispose();
  });

  it('getWeights / setWeights: iteration then each variable slots in build order', () => {
    const k = variable([1, 2, 3, 4], 'dense/kernel');
    const b = variable([0.5], 'dense/bias');
    const opt = new Adam({ learningRate: 0.1, amsgrad: true });
    tf.tidy(() => opt.applyGradients([[tf.tensor([1, 1, 1, 1]), k], [tf.tensor([2]), b]]));
    expect(opt.getWeightNames()).toEqual([
      'iteration', 'dense_kernel_momentum', 'dense_kernel_velocity', 'dense_kernel_velocity_hat',
      'dense_bias_momentum', 'dense_bias_velocity', 'dense_bias_velocity_hat',
    ]);
    const saved = opt.getWeights();
    expect(saved.map((t) => t.shape)).toEqual([[], [4], [4], [4], [1], [1], [1]]);
    expect(saved[0]!.dataSync()[0]).toBe(1);
    const copy = new Adam({ learningRate: 0.1, amsgrad: true });
    expect(() => copy.setWeights(saved)).toThrow(/Adam.setWeights: the optimizer is not built yet/);
    copy.build([k, b]);
    copy.setWeights(saved);
    expect(copy.iterations).toBe(1);
    const again = copy.getWeights();
    again.forEach((t, i) => expect(Array.from(t.dataSync())).toEqual(Array.from(saved[i]!.dataSync())));
    expect(() => copy.setWeights(saved.slice(1))).toThrow(/expected 7 tensors .*received "6 tensors"/);
    tf.dispose([...saved, ...again, k, b]);
    opt.dispose();
    copy.dispose();
  });

  it('gets optimizers by Keras names and configs', () => {
    for (const id of ['adam', 'Adam', 'nadam', 'sgd', 'RMSprop', 'rmsprop', 'adagrad', 'adadelta', 'adamax']) {
      expect(optimizerRegistry.lookup(id).className.toLowerCase()).toBe(id.toLowerCase());
    }
    const opt = get({ class_name: 'Adam', config: { learning_rate: 0.01, beta_1: 0.8 } });
    expect(opt.getConfig()).toMatchObject({ learning_rate: Math.fround(0.01), beta_1: 0.8, beta_2: 0.999 });
    // A tf.keras 2.x config: `decay`, `jit_compile`, `is_legacy_optimizer` are dropped.
    const legacy = get({
      class_name: 'Adam',
      config: { name: 'Adam', learning_rate: 0.001, decay: 0, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false, jit_compile: false, is_legacy_optimizer: false },
    });
    expect(legacy.getConfig().name).toBe('Adam');
    const instance = new SGD();
    expect(get(instance)).toBe(instance);
  });

  it('bad input: clear errors naming the optimizer and the value', () => {
    expect(() => new SGD({ learningRate: -0.1 })).toThrow('Invalid `learning_rate` of SGD: expected a finite number >= 0 or a learning rate schedule, received -0.1.');
    expect(() => new Adam({ learningRate: Infinity })).toThrow(/`learning_rate` of Adam.*received Infinity/);
    expect(() => new Adam({ learningRate: NaN })).toThrow(/`learning_rate` of Adam.*received NaN/);
    expect(() => new Adam({ clipnorm: 1, clipvalue: 0.5 })).toThrow(
      'Invalid clipping options of Adam: expected at most one of `clipnorm`, `clipvalue` and `global_clipnorm`, received clipnorm=1, clipvalue=0.5.',
    );
    expect(() => new SGD({ lr: 0.1 } as never)).toThrow(/Unknown option "lr" for SGD\. Known options: learningRate/);
    expect(() => get('adamm')).toThrow(/Unknown optimizer: "adamm"\. Known optimizer names: SGD, Adagrad/);
    expect(() => new Adam({ useEma: true })).toThrow(/Unsupported `use_ema` of Adam/);
    const v = variable([1, 2, 3], 'dense/kernel_bad');
    const g = tf.zeros([2]);
    const opt = new Adam();
    expect(() => opt.applyGradients([[g, v]])).toThrow(
      'Adam: gradient of shape [2] does not match variable "dense/kernel_bad" of shape [3].',
    );
    opt.build([v]);
    const other = variable([1]);
    const g1 = tf.zeros([1]);
    expect(() => opt.applyGradients([[g1, other]])).toThrow(/Adam: unknown variable "test\/var_\d+"/);
    expect(() => opt.applyGradients([[null, v]])).toThrow('Adam: no gradients provided for any variable.');
    tf.dispose([v, g, other, g1]);
    opt.dispose();
  });

  it('dispose frees every slot and cached constant', () => {
    const before = tf.memory().numTensors;
    const v = variable([1, 2]);
    const opt = new Adam({ weightDecay: 0.1 });
    tf.tidy(() => opt.applyGradients([[tf.tensor([1, 1]), v]]));
    expect(tf.memory().numTensors).toBeGreaterThan(before + 1);
    opt.dispose();
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
