import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import type { Sequential } from '../sequential.js';
import { sequential } from '../sequential-factory.js';
import { toOnnx } from './to-onnx.js';

async function runOnnx(bytes: Uint8Array, inputName: string, x: tf.Tensor): Promise<tf.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  const out = (await session.run({ [inputName]: new ort.Tensor('float32', (await x.data()) as Float32Array, x.shape) })).output_0!;
  await session.release();
  return tf.tensor(out.data as Float32Array, out.dims as number[]);
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const v = (await d.data())[0]!;
  d.dispose();
  return v;
}

/** Gives every BatchNormalization random statistics (a fresh one is the identity, which would prove nothing). */
function randomizeBatchNormalization(model: Sequential): void {
  for (const layer of model.layers.filter((l) => l.className === 'BatchNormalization')) {
    layer.weights.forEach((w, i) => {
      const v = tf.randomUniform(w.variable.shape, 0.2, 1.5, 'float32', 40 + i);
      w.variable.assign(v);
      v.dispose();
    });
  }
}

/** ONNX (float32) of `model` against its predict on `x`, and the graph as text for op checks. */
async function compare(model: Sequential, x: tf.Tensor, weights: 'float32' | 'int8' = 'float32'): Promise<{ diff: number; text: string }> {
  const bytes = await toOnnx(model, { weights });
  const [out, pred] = [await runOnnx(bytes, model.inputLayer!.name, x), await model.predict(x)];
  const diff = await maxDiff(out, pred);
  tf.dispose([out, pred]);
  return { diff, text: new TextDecoder().decode(bytes) };
}

beforeAll(() => activate('cpu'));

describe('ONNX export of the convolution layers, run by onnxruntime-node', () => {
  it('Conv2D (same and valid, strided, no bias), pooling, Flatten → Dense (rows permuted HWC → CHW)', async () => {
    const model = sequential([
      layers.input({ shape: [12, 12, 3], name: 'image' }),
      layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv' }),
      layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      layers.conv2d({ filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh', useBias: false, name: 'conv_1' }),
      layers.averagePooling2d({ poolSize: 2, padding: 'same', name: 'avg' }),
      layers.conv2d({ filters: 3, kernelSize: 2, padding: 'same', name: 'conv_2' }),
      layers.flatten({ name: 'flatten' }),
      layers.dropout({ rate: 0.3, name: 'dropout' }),
      layers.dense({ units: 6, activation: 'softmax', name: 'dense' }),
    ]);
    const x = tf.randomUniform([3, 12, 12, 3], 0, 1, 'float32', 9);
    const float = await compare(model, x);
    expect(float.diff).toBeLessThanOrEqual(1e-5);
    expect(float.text).toContain('Transpose'); // three channels enter NCHW by one Transpose
    expect(float.text).not.toContain('Dropout');
    expect((await compare(model, x, 'int8')).diff).toBeLessThanOrEqual(0.02);
    x.dispose();
    model.dispose();
  });

  it("the library's own Conv2D, SpatialDropout2D (removed) and MaxPooling2D: onnxruntime equals predict", async () => {
    const model = sequential([
      layers.input({ shape: [10, 10, 2], name: 'image' }),
      layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', name: 'conv' }),
      layers.spatialDropout2d({ rate: 0.5, name: 'spatial' }),
      layers.maxPooling2d({ name: 'pool' }),
      layers.flatten({ name: 'flatten' }),
      layers.dense({ units: 3, activation: 'softmax', name: 'dense' }),
    ]);
    const x = tf.randomUniform([2, 10, 10, 2], 0, 1, 'float32', 4);
    const { diff, text } = await compare(model, x);
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(text).not.toContain('spatial');
    x.dispose();
    model.dispose();
  });

  it('a dilated Conv2D, one channel entering by a Reshape, global pools (keepdims or not), Reshape', async () => {
    const model = sequential([
      layers.input({ shape: [10, 10, 1], name: 'digit' }),
      layers.conv2d({ filters: 3, kernelSize: 3, dilationRate: 2, activation: 'relu', name: 'c' }),
      layers.globalMaxPooling2d({ keepdims: true, name: 'gmp' }),
      layers.reshape({ targetShape: [1, 1, 3], name: 'r' }),
      layers.globalAveragePooling2d({ name: 'gap' }),
      layers.dense({ units: 2, name: 'd' }),
    ]);
    const x = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 2);
    const { diff, text } = await compare(model, x);
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(text).toContain('Reshape');
    expect(text).toContain('GlobalMaxPool');
    x.dispose();
    model.dispose();
  });

  it('BatchNormalization folds into a linear Conv2D or Dense (ε 1e-3), and stays a node after a relu', async () => {
    const model = sequential([
      layers.input({ shape: [6, 6, 2], name: 'x' }),
      layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'conv' }),
      layers.batchNormalization({ name: 'bn' }),
      layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', name: 'conv_relu' }),
      layers.batchNormalization({ name: 'bn_1', epsilon: 0.01 }),
      layers.flatten({ name: 'f' }),
      layers.dense({ units: 4, name: 'd' }),
      layers.batchNormalization({ name: 'bn_2', center: false }),
    ]);
    randomizeBatchNormalization(model);
    const x = tf.randomUniform([2, 6, 6, 2], 0, 1, 'float32', 8);
    const { diff, text } = await compare(model, x);
    expect(text.match(/BatchNormalization/g)?.length).toBe(1); // only bn_1, after the relu
    expect(diff).toBeLessThanOrEqual(1e-5);
    x.dispose();
    model.dispose();
  });

  it("gives Keras's layout back where a layer needs it: the output, a softmax Conv2D, a layer after Flatten other than Dense", async () => {
    const x = tf.randomUniform([2, 6, 6, 3], 0, 1, 'float32', 4);
    const models = [
      [layers.conv2d({ filters: 4, kernelSize: 3, name: 'c' })],
      [layers.conv2d({ filters: 4, kernelSize: 3, activation: 'softmax', name: 'c' }), layers.maxPooling2d({ poolSize: 2, name: 'p' })],
      [layers.conv2d({ filters: 4, kernelSize: 3, name: 'c' }), layers.flatten({ name: 'f' })],
      [layers.conv2d({ filters: 4, kernelSize: 3, name: 'c' }), layers.flatten({ name: 'f' }), layers.activation({ activation: 'softmax', name: 's' })],
      [layers.conv2d({ filters: 4, kernelSize: 3, name: 'c' }), layers.flatten({ name: 'f' }), layers.batchNormalization({ name: 'bn' }), layers.dense({ units: 3, name: 'd' })],
      [layers.conv2d({ filters: 4, kernelSize: 3, name: 'c' }), layers.dense({ units: 3, name: 'd' }), layers.activation({ activation: 'relu', name: 'r' })],
    ];
    for (const stack of models) {
      const model = sequential([layers.input({ shape: [6, 6, 3], name: 'x' }), ...stack]);
      randomizeBatchNormalization(model);
      expect((await compare(model, x)).diff).toBeLessThanOrEqual(1e-5);
      model.dispose();
    }
    x.dispose();
  });

  it('names a BatchNormalization on another axis than the channels', async () => {
    const model = sequential([
      layers.input({ shape: [4, 4, 2], name: 'x' }),
      layers.batchNormalization({ axis: 1, name: 'bn_rows' }),
    ]);
    await expect(toOnnx(model)).rejects.toThrow(/last \(channel\) axis only; layer "bn_rows" normalizes axis 1 of rank-4 inputs/);
    model.dispose();
  });
});
