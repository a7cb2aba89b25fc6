import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES } from '@neuralkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { withoutKernels } from '../../test/without-kernels.js';
import { sequential } from '../sequential-factory.js';
import { layers } from '../layers/index.js';
import { fusedConv2d } from './fused-conv2d.js';

afterAll(() => activate('cpu'));

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

const maxAbs = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);

/** The three kernels tfjs records for a Conv2D layer under a tape, written out. */
function reference(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | undefined, strides: [number, number], pad: 'same' | 'valid', activation: 'relu' | 'linear') {
  let z: tf.Tensor = tf.conv2d(x, filter, strides, pad);
  if (bias) z = tf.add(z, bias);
  return activation === 'relu' ? tf.relu(z) : z;
}

async function gradientCases(): Promise<void> {
  const before = tf.memory().numTensors;
  const cases = [
    { strides: [1, 1], pad: 'valid', activation: 'relu', bias: true },
    { strides: [2, 2], pad: 'same', activation: 'relu', bias: true },
    { strides: [2, 1], pad: 'same', activation: 'linear', bias: false },
    { strides: [1, 1], pad: 'same', activation: 'linear', bias: true },
  ] as const;
  for (const [i, c] of cases.entries()) {
    const x = tf.randomNormal([3, 9, 8, 2], 0, 1, 'float32', 10 + i) as tf.Tensor4D;
    const filter = tf.randomNormal([3, 3, 2, 4], 0, 0.5, 'float32', 20 + i) as tf.Tensor4D;
    const bias = c.bias ? tf.randomNormal([4], 0, 0.5, 'float32', 30 + i) : undefined;
    const params = bias ? [x, filter, bias] : [x, filter];
    // A weighted sum, so every output position gets its own upstream gradient.
    const outShape = tf.tidy(() => reference(x, filter, bias, [...c.strides], c.pad, c.activation).shape);
    const weights = tf.randomNormal(outShape, 0, 1, 'float32', 40 + i);
    const loss = (f: typeof fusedConv2d) => (...p: tf.Tensor[]) =>
      tf.sum(tf.mul(f({ x: p[0] as tf.Tensor4D, filter: p[1] as tf.Tensor4D, bias: p[2], strides: c.strides, pad: c.pad, activation: c.activation }), weights));
    const ours = tf.grads(loss(fusedConv2d))(params);
    const theirs = tf.grads(loss((a) => reference(a.x, a.filter, a.bias, [...a.strides], a.pad, a.activation) as tf.Tensor4D))(params);
    const yOurs = fusedConv2d({ x, filter, bias, strides: c.strides, pad: c.pad, activation: c.activation });
    const yTheirs = tf.tidy(() => reference(x, filter, bias, [...c.strides], c.pad, c.activation));
    expect(yOurs.shape).toEqual(yTheirs.shape);
    expect(maxDiff(yOurs, yTheirs), JSON.stringify(c)).toBeLessThan(1e-5);
    ours.forEach((g, k) => {
      expect(g.shape).toEqual(params[k]!.shape);
      expect(maxAbs(theirs[k]!), `${JSON.stringify(c)} gradient ${k} is not all zeros`).toBeGreaterThan(0.1);
      expect(maxDiff(g, theirs[k]!), `${JSON.stringify(c)} gradient ${k}`).toBeLessThan(1e-4);
    });
    tf.dispose([x, filter, weights, yOurs, yTheirs, ...ours, ...theirs, ...(bias ? [bias] : [])]);
  }
  expect(tf.memory().numTensors).toBe(before);
}

describe.each(['cpu', 'wasm'] as const)('fusedConv2d on %s', (backend) => {
  it.each([true, false])('gives the values and the x, filter and bias gradients of conv2d + bias + activation (biasActivationGrad kernel: %s)', async (withKernel) => {
    await activate(backend);
    if (!withKernel) return withoutKernels([KERNEL_NAMES.biasActivationGrad], () => gradientCases());
    expect(tf.getKernel(KERNEL_NAMES.biasActivationGrad, backend)).toBeDefined();
    return gradientCases();
  });

  it("trains Keras's convnet with one FusedConv2D a layer forward and the unfused path's weights", async () => {
    await activate(backend);
    const train = async () => {
      const model = sequential([
        layers.input({ shape: [12, 12, 1] }),
        layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 1 } } }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 2 } } }),
        layers.flatten(),
        layers.dense({ units: 3, activation: 'softmax', kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 3 } } }),
      ]);
      model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
      const x = tf.randomUniform([16, 12, 12, 1], 0, 1, 'float32', 5);
      const y = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3), 'int32');
      const profile = await tf.profile(async () => {
        await model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
      });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      tf.dispose([x, y]);
      model.dispose();
      return { weights, kernels: profile.kernels.map((k) => k.name) };
    };
    const fused = await train();
    const unfused = await withoutKernels(['FusedConv2D'], train);
    const count = (names: string[], name: string) => names.filter((n) => n === name).length;
    // 6 steps, 2 convolutions each.
    expect(count(fused.kernels, 'FusedConv2D')).toBe(12);
    expect(count(fused.kernels, 'Conv2D')).toBe(0);
    expect(count(fused.kernels, 'Relu')).toBe(0);
    // Relu's and the bias's gradients in one kernel a layer: no step, no separate sum for them.
    expect(count(fused.kernels, KERNEL_NAMES.biasActivationGrad)).toBe(12);
    expect(count(fused.kernels, 'Step')).toBe(0);
    expect(count(unfused.kernels, 'Conv2D')).toBe(12);
    expect(count(unfused.kernels, 'Relu')).toBe(12);
    // Only the second convolution's input gradient is asked for, as on the unfused path.
    expect(count(fused.kernels, 'Conv2DBackpropInput')).toBe(6);
    expect(count(unfused.kernels, 'Conv2DBackpropInput')).toBe(6);
    expect(fused.kernels.length).toBeLessThan(unfused.kernels.length);
    fused.weights.forEach((w, i) => {
      const diff = Math.max(...w.map((v, j) => Math.abs(v - unfused.weights[i]![j]!)));
      expect(diff, `weight ${i}`).toBeLessThan(1e-5);
    });
  });
});
