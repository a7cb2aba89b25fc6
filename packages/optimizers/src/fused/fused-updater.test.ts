import * as tf from '@tensorflow/tfjs-core';
import { setOptimizerKernelLimit, useBackend } from '@neuralkit/core';
import { cpuBackend, FUSED_OPTIMIZERS, registerOptimizerKernels } from '@neuralkit/backend-cpu';
import { FUSED_UPDATE_LIMIT, optimizerKernelsUseSimd, registerOptimizerKernels as registerWasmKernels, wasmBackend } from '@neuralkit/backend-wasm';
import { ExponentialDecay } from '@neuralkit/schedules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '../optimizer.js';
import { Adadelta } from '../adadelta.js';
import { Adagrad } from '../adagrad.js';
import { Adam } from '../adam.js';
import { Adamax } from '../adamax.js';
import { Nadam } from '../nadam.js';
import { RMSprop } from '../rmsprop.js';
import { SGD } from '../sgd.js';
import { fusedKernelName } from './fused-updater.js';

const schedule = () => new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 3, decayRate: 0.7 });

// Every optimizer with each option combination its update rule branches on, plus the base
// options (clipping, weight decay, loss scaling, schedules) around it.
const recipes: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['SGD momentum', () => new SGD({ momentum: 0.9 })],
  ['SGD nesterov', () => new SGD({ momentum: 0.9, nesterov: true })],
  ['SGD momentum, decay, clipnorm', () => new SGD({ momentum: 0.5, weightDecay: 0.01, clipnorm: 1 })],
  ['SGD nesterov, schedule, global clipnorm', () => new SGD({ learningRate: schedule(), momentum: 0.9, nesterov: true, globalClipnorm: 1 })],
  ['Adagrad', () => new Adagrad()],
  ['Adagrad options, clipvalue', () => new Adagrad({ learningRate: 0.2, initialAccumulatorValue: 0.5, epsilon: 1e-5, clipvalue: 0.5 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1 })],
  ['Adadelta options, decay', () => new Adadelta({ learningRate: 1, rho: 0.8, epsilon: 1e-6, weightDecay: 0.01 })],
  ['RMSprop', () => new RMSprop()],
  ['RMSprop momentum', () => new RMSprop({ momentum: 0.5 })],
  ['RMSprop centered', () => new RMSprop({ centered: true, rho: 0.8 })],
  ['RMSprop momentum, centered, loss scale', () => new RMSprop({ learningRate: 0.01, momentum: 0.9, centered: true, lossScaleFactor: 4 })],
  ['Adam', () => new Adam()],
  ['Adam amsgrad', () => new Adam({ amsgrad: true })],
  ['Adam options, decay, clipnorm', () => new Adam({ learningRate: 0.05, beta1: 0.5, beta2: 0.67, epsilon: 1e-5, weightDecay: 0.01, clipnorm: 1 })],
  ['Adam amsgrad, schedule, global clipnorm', () => new Adam({ learningRate: schedule(), amsgrad: true, globalClipnorm: 2 })],
  ['Adamax', () => new Adamax()],
  ['Adamax options, decay', () => new Adamax({ learningRate: 0.2, beta2: 0.9, weightDecay: 0.004 })],
  ['Nadam', () => new Nadam()],
  ['Nadam options, clipvalue', () => new Nadam({ learningRate: 0.5, beta1: 0.5, beta2: 0.67, clipvalue: 0.1 })],
];

const STEPS = 40;
const SHAPES = [[23, 7], [7]];

/** Deterministic gradients in [-2, 2), a few exact zeros among them. */
function gradients(step: number, size: number, salt: number): number[] {
  let s = (step * 7919 + salt * 104729 + 1) >>> 0;
  return Array.from({ length: size }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % 17 === 0 ? 0 : (s / 2 ** 32) * 4 - 2;
  });
}

interface Trajectory {
  /** Per step: the variables, then the optimizer's slots, as plain arrays. */
  values: number[][][];
  /** The kernels one more step ran. */
  kernels: string[];
}

async function trajectory(make: () => Optimizer, shapes = SHAPES, steps = STEPS): Promise<Trajectory> {
  const vars = shapes.map((shape, i) => tf.tidy(() => tf.variable(tf.tensor(gradients(99, shape.reduce((a, b) => a * b, 1), i), shape), true)));
  const opt = make();
  const grads = (step: number) => vars.map((v, i) => tf.tensor(gradients(step, v.size, i), v.shape));
  const apply = (g: tf.Tensor[]) => opt.applyGradients(g.map((t, i) => [t, vars[i]!] as [tf.Tensor, tf.Variable]));
  const values: number[][][] = [];
  for (let step = 0; step < steps; step++) {
    const g = grads(step);
    apply(g);
    tf.dispose(g);
    const slots = opt.getWeights().slice(1);
    values.push([...vars, ...slots].map((t) => Array.from(t.dataSync())));
    tf.dispose(slots);
  }
  const g = grads(steps);
  const { kernels } = await tf.profile(() => apply(g));
  tf.dispose(g);
  opt.dispose();
  tf.dispose(vars);
  return { values, kernels: kernels.map((k) => k.name) };
}

/** The generic ops path: the same backend with the fused kernels unregistered. */
async function withoutFusedKernels<T>(fn: () => Promise<T>): Promise<T> {
  const backend = tf.getBackend();
  for (const name of FUSED_OPTIMIZERS) tf.unregisterKernel(fusedKernelName(name), backend);
  try {
    return await fn();
  } finally {
    if (backend === 'cpu') registerOptimizerKernels();
    else registerWasmKernels();
  }
}

/** The fused trajectory equals the generic one to 1e-6 (relative above 1), and ran one kernel per variable. */
async function expectFusedEqualsGeneric(
  name: string,
  make: () => Optimizer,
  shapes = SHAPES,
  steps = STEPS,
): Promise<{ fused: Trajectory; reference: Trajectory }> {
  const reference = await withoutFusedKernels(() => trajectory(make, shapes, steps));
  const fused = await trajectory(make, shapes, steps);
  // Once the first step has given the variables buffers of their own, each update is one kernel.
  const kernel = fusedKernelName(name.split(' ')[0]!);
  expect(fused.kernels.filter((k) => k === kernel)).toHaveLength(shapes.length);
  expect(reference.kernels).not.toContain(kernel);
  fused.values.forEach((tensors, step) => {
    tensors.forEach((values, t) => {
      const ref = reference.values[step]![t]!;
      expect(values.length).toBe(ref.length);
      values.forEach((x, i) => {
        const y = ref[i]!;
        if (!(Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)))) {
          expect.fail(`step ${step + 1}, tensor ${t}, element ${i}: fused ${x}, generic ${y}`);
        }
      });
    });
  });
  return { fused, reference };
}

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe('fused optimizer kernels on cpu', () => {
  it('are registered by the cpu adapter for all seven optimizers', () => {
    for (const name of ['SGD', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam', 'Adamax', 'Nadam']) {
      expect(tf.getKernel(fusedKernelName(name), 'cpu'), name).toBeDefined();
    }
  });

  it.each(recipes)('%s: equal the generic ops path over 40 steps', async (name, make) => {
    const { fused, reference } = await expectFusedEqualsGeneric(name, make);
    // Stronger than the 1e-6 contract: the kernels round like tfjs-backend-cpu's ops do.
    expect(fused.values).toEqual(reference.values);
  });

  it('leave no tensor and no buffer behind', () => {
    const v = tf.tidy(() => tf.variable(tf.fill([784, 10], 0.5), true));
    const g = tf.fill([784, 10], 0.3);
    const opt = new Adam({ amsgrad: true });
    opt.applyGradients([[g, v]]);
    const { numTensors, numDataBuffers } = tf.memory();
    for (let i = 0; i < 50; i++) opt.applyGradients([[g, v]]);
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(tf.memory().numDataBuffers).toBe(numDataBuffers);
    opt.dispose();
    tf.dispose([v, g]);
  });

  it('never write into a buffer the variable shares or that came from a user array', () => {
    const userArray = new Float32Array([1, 2, 3, 4]);
    const v = tf.tidy(() => tf.variable(tf.tensor(userArray), true)); // tfjs-backend-cpu adopts userArray
    const g = tf.tensor([0.5, 0.5, 0.5, 0.5]);
    const opt = new SGD({ learningRate: 1, momentum: 0.5 });
    opt.applyGradients([[g, v]]);
    expect(Array.from(userArray)).toEqual([1, 2, 3, 4]);
    // A kept tensor assigned to the variable shares its buffer until the next update rebinds it.
    const kept = tf.tensor([10, 20, 30, 40]);
    v.assign(kept);
    opt.applyGradients([[g, v]]);
    expect(Array.from(kept.dataSync())).toEqual([10, 20, 30, 40]);
    // Hand-computed: m = 0.5·(-0.5) - 0.5 = -0.75, w = 10 - 0.75 = 9.25, ...; then fused:
    // m = 0.5·(-0.75) - 0.5 = -0.875, w = 9.25 - 0.875 = 8.375.
    const id = v.dataId;
    opt.applyGradients([[g, v]]);
    expect(v.dataId).toBe(id);
    expect(Array.from(v.dataSync())).toEqual([8.375, 18.375, 28.375, 38.375]);
    opt.dispose();
    tf.dispose([v, g, kept]);
  });

  it('leave a subclass with its own className on its own updateStep', () => {
    class Halved extends SGD {
      protected override updateStep(g: tf.Tensor, v: tf.Variable): void {
        v.assign(tf.sub(v, tf.mul(g, 0.5)));
      }
    }
    // SGD's className is typed as the literal 'SGD', so the subclass sets its own at runtime.
    Object.defineProperty(Halved, 'className', { value: 'Halved' });
    const v = tf.tidy(() => tf.variable(tf.tensor([1, 1]), true));
    const g = tf.tensor([1, 2]);
    const opt = new Halved({ learningRate: 1 });
    for (let i = 0; i < 3; i++) opt.applyGradients([[g, v]]);
    expect(Array.from(v.dataSync())).toEqual([-0.5, -2]); // 1 - 3·0.5, 1 - 3·1
    opt.dispose();
    tf.dispose([v, g]);
  });
});

describe('fused optimizer kernels on wasm', () => {
  beforeAll(() => useBackend(wasmBackend()));
  afterAll(() => useBackend(cpuBackend()));

  it.each(recipes)('%s: equal the generic ops path over 40 steps', async (name, make) => {
    await expectFusedEqualsGeneric(name, make);
  });

  // The SIMD loops serve every size: a vector-only one, an odd tail, and Dense(128)'s 784 × 128 kernel.
  it.each(recipes)('%s: equal the generic ops path at 7, 4096 and 100,352 values', async (name, make) => {
    await expectFusedEqualsGeneric(name, make, [[7], [4096], [784, 128]], 4);
  });

  /** Runs one Adam step over a FUSED_UPDATE_LIMIT variable and a larger one; the fused kernel calls of the second step. */
  async function fusedAroundTheLimit(): Promise<number> {
    const small = tf.tidy(() => tf.variable(tf.zeros([FUSED_UPDATE_LIMIT]), true));
    const large = tf.tidy(() => tf.variable(tf.zeros([FUSED_UPDATE_LIMIT + 1]), true));
    const grads = [tf.ones([FUSED_UPDATE_LIMIT]), tf.ones([FUSED_UPDATE_LIMIT + 1])];
    const opt = new Adam();
    const step = () => opt.applyGradients([[grads[0]!, small], [grads[1]!, large]]);
    step();
    const { kernels } = await tf.profile(step);
    // Both took the same rule: after two steps of g = 1 every weight moved by the same amount.
    expect(small.dataSync()[0]).toBeCloseTo(large.dataSync()[0]!, 6);
    expect(small.dataSync()[0]).toBeLessThan(0);
    opt.dispose();
    tf.dispose([small, large, ...grads]);
    return kernels.filter((k) => k.name === 'NeuralkitAdamUpdate').length;
  }

  it('serve variables of any size with the SIMD loops', async () => {
    expect(optimizerKernelsUseSimd()).toBe(true); // Node 20+ has WebAssembly SIMD
    expect(await fusedAroundTheLimit()).toBe(2);
  });

  it('without SIMD serve variables up to FUSED_UPDATE_LIMIT values; larger ones take the generic path', async () => {
    setOptimizerKernelLimit('wasm', FUSED_UPDATE_LIMIT); // what activate leaves where SIMD is missing
    try {
      expect(await fusedAroundTheLimit()).toBe(1);
    } finally {
      setOptimizerKernelLimit('wasm', Infinity);
    }
  });

  it('give the variable a new tensor id, so matrix products never use a stale packed copy', () => {
    // XNNPACK caches a weight matrix's packed form by tensor id: w · x after an update must see the new w.
    const w = tf.tidy(() => tf.variable(tf.fill([3, 2], 1), true));
    const x = tf.tensor2d([[1, 1, 1]]);
    const g = tf.fill([3, 2], 1);
    const opt = new SGD({ learningRate: 1 });
    for (let step = 1; step <= 3; step++) {
      opt.applyGradients([[g, w]]);
      // w = 1 - step everywhere, so each output is 3 · (1 - step).
      const y = tf.matMul(x, w);
      expect(Array.from(y.dataSync())).toEqual([3 * (1 - step), 3 * (1 - step)]);
      y.dispose();
    }
    const { numTensors, numDataBuffers } = tf.memory();
    for (let i = 0; i < 20; i++) opt.applyGradients([[g, w]]);
    expect(tf.memory()).toMatchObject({ numTensors, numDataBuffers });
    opt.dispose();
    tf.dispose([w, x, g]);
  });
});
