import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { argmaxRows, trainedMlp, type TrainedMlp } from '../../test/trained-mlp.js';
import { layers } from '../layers/index.js';
import { Dense } from '../layers/dense.js';
import { Sequential } from '../sequential.js';
import { sequential } from '../sequential-factory.js';
import { absMaxQuantize } from './abs-max-quantize.js';
import { float16ToNumber, numberToFloat16Bits } from './float16.js';

beforeAll(() => activate('cpu'));

describe('absMaxQuantize (Keras abs_max_quantize)', () => {
  it('scales each column by 127 / (max|w| + 1e-7) and rounds half to even', async () => {
    // Column 0: max 1 → scale 126.9999873, 1 → 127, 0.5 → 63.4999… → 63.
    // Column 1: max 4 → scale 31.75 (to float32), -2 → -63.5 → -64 (even), 4 → 127.
    const { values, scale } = absMaxQuantize(tf.tensor2d([[1, -2], [0.5, 4]]), [0]);
    expect(Array.from(await values.data())).toEqual([127, -64, 63, 127]);
    expect(values.dtype).toBe('int32');
    expect(scale.shape).toEqual([1, 2]);
    const s = await scale.data();
    expect(s[0]).toBeCloseTo(127 / (1 + 1e-7), 4);
    expect(s[1]).toBeCloseTo(31.75, 5);
    tf.dispose([values, scale]);
  });
});

describe('float16', () => {
  it('rounds to the nearest binary16, ties to even', () => {
    expect(numberToFloat16Bits(1)).toBe(0x3c00);
    expect(numberToFloat16Bits(-2)).toBe(0xc000);
    expect(numberToFloat16Bits(65504)).toBe(0x7bff);
    expect(numberToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float16ToNumber(numberToFloat16Bits(0.1))).toBe(0.0999755859375);
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties to the even mantissa (1).
    expect(float16ToNumber(numberToFloat16Bits(1 + 2 ** -11))).toBe(1);
    expect(float16ToNumber(numberToFloat16Bits(2 ** -24))).toBe(2 ** -24);
  });
});

describe('Dense int8', () => {
  it("computes Keras's int8 product: rows quantized at call time, de-scaled by both scales", async () => {
    const model = sequential([layers.dense({ inputShape: [2], units: 2, name: 'd', kernelInitializer: 'zeros' })]);
    model.setWeights([tf.tensor2d([[1, -2], [0.5, 4]]), tf.tensor1d([0.25, 0])]);
    model.quantize('int8');
    // x = [2, -1]: input scale 127 / 2 → xq = [127, -64] (-63.5 → -64).
    // xq @ kq = [127*127 - 64*63, 127*-64 - 64*127] = [12097, -16256]
    // / (63.5 * [126.9999873, 31.75]) + bias = [1.5000, -8.0635] + [0.25, 0]
    const y = await model.predict(tf.tensor2d([[2, -1]]));
    const v = await y.data();
    expect(v[0]).toBeCloseTo(12097 / (63.5 * 127 / (1 + 1e-7)) + 0.25, 5);
    expect(v[1]).toBeCloseTo(-16256 / (63.5 * 31.75), 5);
    const dense = model.layers[0] as Dense;
    expect(dense.weights.map((w) => [w.name, w.variable.dtype, w.trainable])).toEqual([
      ['kernel', 'int32', false],
      ['bias', 'float32', true],
      ['kernel_scale', 'float32', false],
    ]);
    y.dispose();
    model.dispose();
  });

  it('refuses an unbuilt model, an unknown mode, and quantizing twice', () => {
    const unbuilt = sequential([layers.dense({ units: 2 })]);
    expect(() => unbuilt.quantize('int8')).toThrow(/must be built before quantize\(\)/);
    const model = sequential([layers.dense({ inputShape: [3], units: 2, name: 'd2' })]);
    expect(() => model.quantize('int4' as never)).toThrow(/expected one of 'int8', 'float16', received "int4"/);
    model.quantize('int8');
    expect(() => model.quantize('int8')).toThrow(/Layer "d2" \(Dense\) is already quantized \(int8\)/);
    const noWeights = sequential([layers.flatten({ inputShape: [2, 2] })]);
    expect(() => noWeights.quantize('int8')).toThrow(/has no layer that quantize\('int8'\) supports \(it has Flatten\)/);
    model.dispose();
  });
});

describe('Conv2D int8 (one scale per filter, one per input image)', () => {
  it('quantizes each image at call time and de-scales by both scales', async () => {
    const model = sequential([layers.conv2d({ inputShape: [2, 2, 1], filters: 2, kernelSize: 2, name: 'c' })]);
    // Kernel [2, 2, 1, 2]: filter 0 taps [1, -2, 3, 4], filter 1 all 0.5.
    model.setWeights([tf.tensor4d([1, 0.5, -2, 0.5, 3, 0.5, 4, 0.5], [2, 2, 1, 2]), tf.zeros([2])]);
    model.quantize('int8');
    // Image [1, -2, 0.5, 3]: scale 127 / 3 = 42.333 → [42, -85, 21, 127].
    // Filter 0: scale 127 / 4 = 31.75 → [32, -64 (-63.5, even), 95, 127]; filter 1: 127 / 0.5 → 127 each.
    // 42*32 + 85*64 + 21*95 + 127*127 = 24,908 → / (42.333 * 31.75) = 18.5316 (float32: 18.5);
    // (42 - 85 + 21 + 127) * 127 = 13,335 → / (42.333 * 254) = 1.2402 (float32: 1.25).
    const y = await model.predict(tf.tensor4d([1, -2, 0.5, 3], [1, 2, 2, 1]));
    const v = await y.data();
    expect(v[0]).toBeCloseTo(24908 / ((127 / 3) * 31.75), 4);
    expect(v[1]).toBeCloseTo(13335 / ((127 / 3) * (127 / 0.5)), 4);
    expect(model.layers[0]!.weights.map((w) => [w.name, w.variable.shape])).toEqual([['kernel', [2, 2, 1, 2]], ['bias', [2]], ['kernel_scale', [2]]]);
    y.dispose();
    model.dispose();
  });
});

describe('quantize on the trained lecture MLP (real MNIST)', () => {
  let mlp: TrainedMlp;
  beforeAll(async () => {
    mlp = await trainedMlp();
  }, 120_000);
  afterAll(() => mlp.dispose());

  it('int8 keeps the accuracy, summarizes int8 sizes, refuses training, round-trips its config, leaks nothing', async () => {
    // 2,000 test digits keep this quick; the ONNX tests compare int8 classes on all 10,000.
    const { model } = mlp;
    const xTest = tf.slice(mlp.xTest, 0, 2000);
    const yTest = tf.slice(mlp.yTest, 0, 2000);
    const before = await model.evaluate(xTest, yTest, { verbose: 0 });
    const floatPred = await model.predict(xTest, { batchSize: 1000 });
    const config = model.getConfig({ style: 'keras3' });
    const weights = model.getWeights().map((w) => w.clone());
    const copy = Sequential.fromConfig(config);
    copy.setWeights(weights);
    copy.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    tf.dispose(weights);

    expect(copy.quantize('int8')).toEqual(['dense', 'dense_1']);
    const after = await copy.evaluate(xTest, yTest, { verbose: 0 });
    const tensors = tf.memory().numTensors;
    const intPred = await copy.predict(xTest, { batchSize: 1000 });
    const [a, b] = [await argmaxRows(floatPred), await argmaxRows(intPred)];
    const same = a.filter((c, i) => c === b[i]).length / a.length;
    expect(same).toBeGreaterThanOrEqual(0.995);
    expect(Math.abs((after.accuracy as number) - (before.accuracy as number))).toBeLessThanOrEqual(0.002);
    tf.dispose([intPred]);
    expect(tf.memory().numTensors).toBe(tensors);
    floatPred.dispose();

    const dense = (copy.getConfig().layers as Array<{ config: Record<string, unknown> }>)[2]!.config;
    expect(dense.dtype).toEqual({ module: 'keras', class_name: 'QuantizedDTypePolicy', config: { mode: 'int8', source_name: 'float32' }, registered_name: null });
    // Keras 3: kernel int8 (1 byte) and kernel_scale non-trainable, bias trainable:
    // 101,632 kernel bytes + 138 scales * 4 = 102,184 B = 99.79 KB; 138 biases * 4 = 552 B.
    const summary = copy.summary({ print: false });
    expect(summary).toContain(' Trainable params: 138 (552.00 B)');
    expect(summary).toContain(' Non-trainable params: 101,770 (99.79 KB)');
    await expect(copy.fit(xTest, yTest, { epochs: 1, verbose: 0 })).rejects.toThrow(/is quantized .* cannot be trained/);

    // A config carrying the int8 policy builds the int8 layout; the weights then load in Keras's order.
    const again = Sequential.fromConfig(copy.getConfig({ style: 'keras3' }));
    expect(again.layers[1]!.weights.map((w) => w.name)).toEqual(['kernel', 'bias', 'kernel_scale']);
    again.setWeights(copy.getWeights());
    const x50 = tf.slice(xTest, 0, 50);
    const p1 = await again.predict(x50);
    const p2 = await copy.predict(x50);
    expect(Array.from(await p1.data())).toEqual(Array.from(await p2.data()));
    tf.dispose([x50, p1, p2]);
    again.dispose();
    copy.dispose();
    tf.dispose([xTest, yTest]);
  }, 120_000);

  it('float16 weights give nearly the same outputs and are counted at 2 bytes', async () => {
    const { model, xTest } = mlp;
    const copy = Sequential.fromConfig(model.getConfig());
    copy.setWeights(model.getWeights());
    copy.quantize('float16');
    const x = tf.slice(xTest, 0, 500);
    const [p1, p2] = [await model.predict(x), await copy.predict(x)];
    const diff = tf.max(tf.abs(tf.sub(p1, p2)));
    expect((await diff.data())[0]).toBeLessThan(2e-3);
    expect(copy.summary({ print: false })).toContain(' Total params: 101,770 (198.77 KB)');
    expect((copy.getConfig().layers as Array<{ config: Record<string, unknown> }>)[2]!.config.dtype).toBe('float16');
    tf.dispose([x, p1, p2, diff]);
    copy.dispose();
  }, 60_000);
});
