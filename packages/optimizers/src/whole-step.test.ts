import * as tf from '@tensorflow/tfjs-core';
import { optimizerUpdateKernel, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { ExponentialDecay } from '@neuralkit/schedules';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from './optimizer.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

// What a backend that runs whole training steps itself gets from the optimizer: the slots, and each
// step's fused-kernel attrs. Running the cpu adapter's fused kernel with them must give the weights
// and slots `applyGradients` gives, step after step (schedules and Nadam's running product included).
const recipes: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['SGD nesterov, schedule', () => new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }), momentum: 0.9, nesterov: true })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.2 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1 })],
  ['RMSprop momentum, centered', () => new RMSprop({ momentum: 0.5, centered: true })],
  ['Adam amsgrad', () => new Adam({ amsgrad: true, learningRate: 0.05 })],
  ['Adamax', () => new Adamax()],
  ['Nadam', () => new Nadam({ learningRate: 0.05 })],
];

const STEPS = 6;
const SHAPES = [[5, 3], [3]];

function values(step: number, size: number, salt: number): number[] {
  return Array.from({ length: size }, (_, i) => Math.sin(step * 1.7 + i * 0.9 + salt * 2.3) * 1.5);
}

/** Variables and slots after STEPS steps, either through applyGradients or through the whole-step API. */
function train(make: () => Optimizer, whole: boolean): { weights: number[][]; iterations: number } {
  const vars = SHAPES.map((shape, i) => tf.tidy(() => tf.variable(tf.tensor(values(99, tf.util.sizeFromShape(shape), i), shape))));
  const opt = make();
  const plan = whole ? opt.wholeStepPlan(vars) : undefined;
  if (whole && !plan) throw new Error('no whole-step plan');
  for (let step = 0; step < STEPS; step++) {
    const grads = vars.map((v, i) => tf.tensor(values(step, v.size, i), v.shape));
    if (plan) {
      const attrs = opt.takeWholeStep();
      vars.forEach((v, i) => {
        const inputs: tf.NamedTensorMap = { gradient: grads[i]!, variable: v };
        plan.slots[i]!.forEach((slot, k) => (inputs[plan.slotNames[k]!] = slot));
        tf.engine().runKernel(optimizerUpdateKernel(plan.className), inputs, attrs);
      });
    } else {
      opt.applyGradients(grads.map((g, i) => [g, vars[i]!] as [tf.Tensor, tf.Variable]));
    }
    tf.dispose(grads);
  }
  const slots = opt.getWeights().slice(1);
  const weights = [...vars, ...slots].map((t) => Array.from(t.dataSync()));
  const iterations = opt.iterations;
  tf.dispose(slots);
  opt.dispose();
  tf.dispose(vars);
  return { weights, iterations };
}

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe('the whole-step API of the optimizers', () => {
  it.each(recipes)('%s: its fused kernel with takeWholeStep attrs gives what applyGradients gives', (_name, make) => {
    const whole = train(make, true);
    const reference = train(make, false);
    expect(whole.iterations).toBe(STEPS);
    expect(reference.iterations).toBe(STEPS);
    expect(whole.weights).toEqual(reference.weights);
  });

  it('declines what the fused kernel alone cannot do: clipping, weight decay, loss scaling', () => {
    const v = tf.variable(tf.zeros([2]));
    for (const opt of [new Adam({ clipnorm: 1 }), new Adam({ globalClipnorm: 1 }), new SGD({ clipvalue: 0.5 }), new Adam({ weightDecay: 0.01 }),
      new RMSprop({ lossScaleFactor: 2 })]) {
      expect(opt.wholeStepPlan([v])).toBeUndefined();
      expect(opt.iterations).toBe(0);
    }
    v.dispose();
  });

  it('names the slots in the kernel input order, each variable its own', () => {
    const a = tf.variable(tf.zeros([2, 2]));
    const b = tf.variable(tf.zeros([2]));
    const opt = new RMSprop({ momentum: 0.5, centered: true });
    const plan = opt.wholeStepPlan([a, b])!;
    expect(plan.className).toBe('RMSprop');
    expect(plan.slotNames).toEqual(['velocity', 'momentum', 'average_gradient']);
    expect(plan.slots.map((s) => s.map((t) => t.shape))).toEqual([[[2, 2], [2, 2], [2, 2]], [[2], [2], [2]]]);
    opt.dispose();
    tf.dispose([a, b]);
  });
});
