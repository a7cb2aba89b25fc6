import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  AveragePooling2D, BatchNormalization, Conv2D, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPooling2D, Reshape, type Layer,
} from '../src/index.js';
import { activate } from './backend.js';
import { fixed } from './gradient-check.js';

/** One layer, its fixed weights and input; what is compared: the output and every gradient. */
interface Case {
  name: string;
  make(): Layer;
  input: number[];
  weights?: (layer: Layer) => tf.Tensor[];
  training?: boolean;
}

const conv = (options: ConstructorParameters<typeof Conv2D>[0]) => () => new Conv2D(options);
const convWeights = (layer: Layer) => {
  const [kernel, bias] = layer.getWeights();
  return [fixed(kernel!.shape, 31, 0.5), fixed(bias!.shape, 32, 0.1)];
};

const CONV_CASES: Case[] = [
  { name: 'Conv2D valid relu', make: conv({ filters: 4, kernelSize: 3, activation: 'relu' }), input: [2, 7, 6, 3], weights: convWeights },
  { name: 'Conv2D same stride 2 tanh', make: conv({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }), input: [2, 7, 6, 2], weights: convWeights },
  { name: 'Conv2D dilated', make: conv({ filters: 2, kernelSize: 2, dilationRate: 2 }), input: [1, 6, 6, 2], weights: convWeights },
];
const OTHER_CASES: Case[] = [
  { name: 'MaxPooling2D', make: () => new MaxPooling2D(), input: [2, 6, 7, 3] },
  { name: 'AveragePooling2D same', make: () => new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), input: [2, 7, 6, 2] },
  { name: 'GlobalAveragePooling2D', make: () => new GlobalAveragePooling2D(), input: [2, 4, 5, 3] },
  { name: 'GlobalMaxPooling2D', make: () => new GlobalMaxPooling2D({ keepdims: true }), input: [2, 4, 5, 3] },
  { name: 'Reshape', make: () => new Reshape({ targetShape: [-1, 3] }), input: [2, 4, 3] },
  {
    name: 'BatchNormalization (training)', make: () => new BatchNormalization(), input: [4, 3, 3, 2], training: true,
    weights: () => [fixed([2], 33, 1), fixed([2], 34, 0.5), fixed([2], 35, 0.1), tf.add(tf.abs(fixed([2], 36)), 0.5)],
  },
  {
    name: 'BatchNormalization (inference)', make: () => new BatchNormalization({ axis: 1 }), input: [4, 3, 3, 2],
    weights: () => [fixed([3], 33, 1), fixed([3], 34, 0.5), fixed([3], 35, 0.1), tf.add(tf.abs(fixed([3], 36)), 0.5)],
  },
];

/** Output and gradients (input first, then trainable weights) of a weighted sum of squares. */
function runCase(c: Case): Float32Array[] {
  const layer = c.make();
  layer.build([null, ...c.input.slice(1)]);
  if (c.weights) tf.tidy(() => layer.setWeights(c.weights!(layer)));
  const x = tf.variable(fixed(c.input, 41, 2));
  const before = tf.memory().numTensors;
  const values = tf.tidy(() => {
    const y = layer.apply(x, { training: c.training ?? false });
    const w = fixed(y.shape, 42);
    const vars = [x, ...layer.trainableWeights.map((t) => t.variable)];
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.mul(layer.apply(x, { training: c.training ?? false }), w))), vars);
    return [y, ...vars.map((v) => grads[v.name]!)].map((t) => t.dataSync() as Float32Array);
  });
  expect(tf.memory().numTensors).toBe(before);
  x.dispose();
  layer.dispose();
  return values;
}

async function runAll(backend: 'cpu' | 'wasm', cases: Case[]): Promise<Float32Array[][]> {
  await activate(backend);
  return cases.map(runCase);
}

function expectClose(a: Float32Array[][], b: Float32Array[][], cases: Case[], outputOnly: string[] = []): void {
  a.forEach((tensors, i) => tensors.forEach((values, j) => j > 0 && outputOnly.includes(cases[i]!.name) ? undefined : values.forEach((v, k) => {
    const other = b[i]![j]![k]!;
    if (Math.abs(v - other) > 1e-4 * Math.max(1, Math.abs(v))) {
      expect.fail(`${cases[i]!.name}, tensor ${j} (0 output, 1 input gradient, then weights), element ${k}: cpu ${v}, wasm ${other}`);
    }
  })));
}

/** Whether wasm's MaxPoolGrad gives every window of a [1, 6, 7, 3] input its gradient, as cpu's does. */
async function wasmMaxPoolGradientAgrees(): Promise<boolean> {
  const grads: number[][] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await activate(backend);
    grads.push(tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')))(fixed([1, 6, 7, 3], 41, 2)).dataSync())));
  }
  return grads[0]!.every((v, i) => v === grads[1]![i]);
}

// webgl (and wasm in Chromium) run such cases through apps/web's conformance page: apps/web/src/layer-conformance-cases.ts.
describe('convolutional layers give the same outputs and gradients on cpu and wasm', () => {
  it('pooling, global pooling, BatchNormalization, Reshape', async () => {
    const cpu = await runAll('cpu', OTHER_CASES);
    const wasm = await runAll('wasm', OTHER_CASES);
    const maxPoolGradOk = await wasmMaxPoolGradientAgrees();
    await activate('cpu');
    expectClose(cpu, wasm, OTHER_CASES, maxPoolGradOk ? [] : ['MaxPooling2D']);
  });

  it('MaxPooling2D gradient on wasm', async (context) => {
    if (!(await wasmMaxPoolGradientAgrees())) {
      await activate('cpu');
      context.skip("tfjs-backend-wasm 4.22's MaxPoolGrad loses the gradient of some windows (input [1, 6, 7, 3], pool 2: 25 of 27 windows get one), and no fixed MaxPoolGrad is registered for wasm yet");
    }
    await activate('cpu');
  });

  it('Conv2D', async (context) => {
    const cpu = await runAll('cpu', CONV_CASES);
    await activate('wasm');
    if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
      await activate('cpu');
      context.skip('tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel and @neuralkit/backend-wasm registers none yet, so Conv2D cannot train on wasm');
    }
    const wasm = await runAll('wasm', CONV_CASES);
    await activate('cpu');
    expectClose(cpu, wasm, CONV_CASES);
  });

  it('Conv2D forward (wasm has the forward kernels)', async () => {
    const forward = async (backend: 'cpu' | 'wasm') => {
      await activate(backend);
      return CONV_CASES.map((c) => {
        const layer = c.make();
        layer.build([null, ...c.input.slice(1)]);
        tf.tidy(() => layer.setWeights(c.weights!(layer)));
        const y = tf.tidy(() => layer.apply(fixed(c.input, 41, 2)));
        const values = [y.dataSync() as Float32Array];
        y.dispose();
        layer.dispose();
        return values;
      });
    };
    const cpu = await forward('cpu');
    const wasm = await forward('wasm');
    await activate('cpu');
    expectClose(cpu, wasm, CONV_CASES);
  });
});
