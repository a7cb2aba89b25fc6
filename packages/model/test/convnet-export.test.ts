/**
 * A trained MNIST convnet shipped: ONNX (float32, float16, int8 QDQ per filter) run by
 * onnxruntime-node against `predict` on the 10,000 test digits, `quantize('int8')` with Conv2D
 * per filter, and the converter-quantized tfjs model.json loaded by tfjs-layers 4.22.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../src/io/model-format.js';
import { Sequential } from '../src/sequential.js';
import { toOnnx } from '../src/export/to-onnx.js';
import { toTfjs, writeTfjs } from '../src/export/to-tfjs.js';
import { dequantizedCopy } from '../src/export/dequantized-copy.js';
import { activate } from './backend.js';
import { argmaxRows } from './trained-mlp.js';
import { trainedConvnet, type TrainedConvnet } from './trained-convnet.js';

let net: TrainedConvnet;
let floatPred: tf.Tensor;
let labels: Uint8Array;
let dir: string;
beforeAll(async () => {
  await activate('wasm'); // the convolutions train in seconds on wasm, minutes on cpu
  dir = await mkdtemp(join(tmpdir(), 'nk-convnet-export-'));
  net = await trainedConvnet();
  floatPred = await net.model.predict(net.xTest, { batchSize: 1000 });
  labels = (await net.yTest.data()) as Uint8Array;
}, 120_000);
afterAll(async () => {
  floatPred.dispose();
  net.dispose();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the graph in onnxruntime-node. At its default level ('all') onnxruntime fuses
 * DequantizeLinear → Gemm into an integer product with the inputs quantized at run time (as
 * Keras's int8 Dense does); 'basic' leaves the graph's arithmetic as written.
 */
async function runOnnx(bytes: Uint8Array, x: tf.Tensor, graphOptimizationLevel: 'basic' | 'all' = 'all'): Promise<tf.Tensor> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel });
  const out = (await session.run({ digits: new ort.Tensor('float32', (await x.data()) as Float32Array, x.shape) })).output_0!;
  await session.release();
  return tf.tensor(out.data as Float32Array, out.dims as number[]);
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const v = (await d.data())[0]!;
  d.dispose();
  return v;
}

/** The share of rows whose largest output is in the same place. */
async function sameClass(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = [await argmaxRows(a), await argmaxRows(b)];
  return x.filter((c, i) => c === y[i]).length / x.length;
}

async function accuracy(pred: tf.Tensor): Promise<number> {
  const p = await argmaxRows(pred);
  return p.filter((c, i) => c === labels[i]).length / p.length;
}

function copyOf(model: Sequential): Sequential {
  const copy = Sequential.fromConfig(model.getConfig());
  copy.setWeights(model.getWeights());
  return copy;
}

describe('ONNX export of a trained convnet, run by onnxruntime-node on the 10,000 test digits', () => {
  it('float32: equals predict within 1e-5; NHWC input by one Reshape, BatchNormalization folded, Dropout gone; same bytes twice', async () => {
    const bytes = await toOnnx(net.model);
    expect(await toOnnx(net.model)).toEqual(bytes);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toMatch(/BatchNormalization|Dropout|Transpose/);
    const out = await runOnnx(bytes, net.xTest);
    expect(out.shape).toEqual([10000, 10]);
    expect(await maxDiff(out, floatPred)).toBeLessThanOrEqual(1e-5);
    out.dispose();
  }, 60_000);

  it('int8 (QDQ, one scale per filter and unit): ≤ 25 KB, computes what predict gives with the same int8 weights, accuracy within 0.2 point', async () => {
    const bytes = await toOnnx(net.model, { weights: 'int8' });
    // 12,874 parameters: 12,688 int8 kernel values, 186 scales and biases (BatchNormalization folded away).
    expect(bytes.length).toBeLessThanOrEqual(25 * 1024);
    const out = await runOnnx(bytes, net.xTest);
    const exact = await runOnnx(bytes, net.xTest, 'basic');
    // As written, the QDQ graph dequantizes the weights and computes in float32: predict of the model with those weights.
    const reference = await dequantizedCopy(net.model, 'int8');
    const pred = await reference.predict(net.xTest, { batchSize: 1000 });
    expect(await maxDiff(exact, pred)).toBeLessThanOrEqual(1e-5);
    // onnxruntime's fused integer product (inputs quantized at run time) keeps the class of the
    // same-weights model on 99.97 % of digits, of the float32 model on 99.88 % (this one-epoch net).
    expect(await sameClass(out, pred)).toBeGreaterThanOrEqual(0.999);
    expect(await sameClass(out, floatPred)).toBeGreaterThanOrEqual(0.995);
    expect(Math.abs((await accuracy(out)) - (await accuracy(floatPred)))).toBeLessThanOrEqual(0.002);
    tf.dispose([out, exact, pred]);
    reference.dispose();
  }, 60_000);

  it('float16 (fp16 initializers + Cast): the same class as predict on ≥ 99.9 % of digits; opset 23 runs too', async () => {
    const bytes = await toOnnx(net.model, { weights: 'float16', opset: 23 });
    expect(new TextDecoder().decode(bytes)).toContain('Cast');
    const out = await runOnnx(bytes, net.xTest);
    expect(await maxDiff(out, floatPred)).toBeLessThan(0.01);
    expect(await sameClass(out, floatPred)).toBeGreaterThanOrEqual(0.999);
    out.dispose();
  }, 60_000);
});

describe("quantize('int8') of the trained convnet (Conv2D per filter, Dense per unit)", () => {
  it('keeps the class of ≥ 99.5 % of digits, exports its own int8 kernels to ONNX, refuses training, leaks nothing', async () => {
    const q = copyOf(net.model);
    expect(q.quantize('int8')).toEqual(['conv', 'conv_1', 'dense']);
    const conv = q.layers[0]!;
    expect(conv.weights.map((w) => [w.name, w.variable.dtype, w.variable.shape])).toEqual([
      ['kernel', 'int32', [3, 3, 1, 16]], ['bias', 'float32', [16]], ['kernel_scale', 'float32', [16]],
    ]);
    const tensors = tf.memory().numTensors;
    const pred = await q.predict(net.xTest, { batchSize: 1000 });
    expect(tf.memory().numTensors).toBe(tensors + 1);
    expect(await sameClass(pred, floatPred)).toBeGreaterThanOrEqual(0.995);
    expect(Math.abs((await accuracy(pred)) - (await accuracy(floatPred)))).toBeLessThanOrEqual(0.002);
    // Its ONNX holds its int8 kernels and scales (BatchNormalization then stays a node).
    const bytes = await toOnnx(q);
    expect(new TextDecoder().decode(bytes)).toContain('BatchNormalization');
    const [onnx, reference] = [await runOnnx(bytes, net.xTest, 'basic'), await dequantizedCopy(q, undefined)];
    const weightsOnly = await reference.predict(net.xTest, { batchSize: 1000 });
    expect(await maxDiff(onnx, weightsOnly)).toBeLessThanOrEqual(1e-5);
    expect(await sameClass(onnx, pred)).toBeGreaterThanOrEqual(0.995);
    q.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    const [x8, y8] = [tf.slice(net.xTest, 0, 8), tf.slice(net.yTest, 0, 8)];
    await expect(q.fit(x8, y8, { verbose: 0 })).rejects.toThrow(/is quantized .* cannot be trained/);
    tf.dispose([pred, onnx, weightsOnly, x8, y8]);
    reference.dispose();
    q.dispose();
  }, 60_000);
});

describe('tfjs export of the trained convnet, loaded by tfjs-layers 4.22', () => {
  const quantizations = ['uint8', 'uint16', 'float16'] as const;
  const folders: Record<string, string> = {};
  let ours: number;
  beforeAll(async () => {
    ours = await accuracy(floatPred);
    for (const quantize of quantizations) {
      folders[quantize] = await mkdtemp(join(dir, `${quantize}-`));
      await writeTfjs(join(folders[quantize]!, 'model.json'), await toTfjs(net.model, { quantize }));
    }
    // tfjs-layers names its variables as ours are named (conv/kernel), engine-wide: free ours first.
    net.model.dispose();
  });

  for (const quantize of quantizations) {
    it(`${quantize}: tf.loadLayersModel's accuracy on the test set is within 0.1 point of ours; neuralkit reads it the same`, async () => {
      const jsonPath = join(folders[quantize]!, 'model.json');
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      expect(json.weightsManifest[0]!.weights.every((w) => w.quantization?.dtype === quantize)).toBe(true);
      const bins = await Promise.all(json.weightsManifest[0]!.paths.map((p) => readFile(join(folders[quantize]!, p))));
      const data = new Uint8Array(Buffer.concat(bins)).buffer;
      const theirs = await tfl.loadLayersModel({
        load: async () => tf.io.getModelArtifactsForJSON(json, async (m) => [m.flatMap((g) => g.weights), data]),
      });
      const theirPred = theirs.predict(net.xTest, { batchSize: 1000 }) as tf.Tensor;
      expect(Math.abs((await accuracy(theirPred)) - ours)).toBeLessThanOrEqual(0.001);
      const back = await loadModel(jsonPath);
      const x = tf.slice(net.xTest, 0, 200);
      const [a, b] = [await back.predict(x), theirs.predict(x) as tf.Tensor];
      expect(await maxDiff(a, b)).toBeLessThan(1e-5);
      tf.dispose([theirPred, x, a, b]);
      theirs.dispose();
      back.dispose();
    }, 60_000);
  }
});
