import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { trainedMlp, type TrainedMlp } from '../../test/trained-mlp.js';
import { Sequential } from '../sequential.js';

let dir: string;
let mlp: TrainedMlp;
beforeAll(async () => {
  await activate('cpu');
  dir = await mkdtemp(join(tmpdir(), 'nk-export-'));
  mlp = await trainedMlp();
}, 120_000);
afterAll(async () => {
  mlp.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('model.export with the accuracy guard (trained lecture MLP, MNIST test set)', () => {
  it('ONNX int8: reports bytes, gzipped bytes, both accuracies and the largest output difference', async () => {
    const report = await mlp.model.export(join(dir, 'mlp.onnx'), { quantize: 'int8', validate: { x: mlp.xTest, y: mlp.yTest } });
    expect(report).toMatchObject({ format: 'onnx', quantize: 'int8' });
    expect(report.bytes).toBeLessThanOrEqual(105 * 1024);
    expect(report.gzippedBytes).toBeLessThan(report.bytes);
    expect(Math.abs(report.float32Accuracy! - report.exportedAccuracy!)).toBeLessThanOrEqual(0.001);
    expect(report.float32Accuracy).toBeGreaterThan(0.9);
    expect(report.maxOutputDifference).toBeGreaterThan(0);
    expect(report.maxOutputDifference).toBeLessThan(0.1);
  }, 60_000);

  it('tfjs uint8 through the same call, read back to validate', async () => {
    const report = await mlp.model.export(join(dir, 'tfjs', 'model.json'), { quantize: 'uint8', validate: { x: mlp.xTest, y: mlp.yTest, maxDrop: 0.1 } });
    expect(report.format).toBe('tfjs');
    expect(report.bytes).toBeLessThanOrEqual(102 * 1024);
    expect(Math.abs(report.float32Accuracy! - report.exportedAccuracy!)).toBeLessThanOrEqual(0.001);
    expect((await readdir(join(dir, 'tfjs'))).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  }, 60_000);

  it('refuses an export that loses more than maxDrop points, and keeps the files that were at the path', async () => {
    // One huge weight stretches uint8's single range so far that every other weight rounds to one level.
    const damaged = Sequential.fromConfig(mlp.model.getConfig());
    damaged.setWeights(mlp.model.getWeights());
    const kernel = damaged.layers[1]!.weights[0]!.variable;
    kernel.assign(tf.tidy(() => tf.add(kernel, tf.mul(tf.reshape(tf.oneHot(tf.tensor1d([0], 'int32'), kernel.size), kernel.shape), 1000))));
    const path = join(dir, 'bad', 'model.json');
    await expect(damaged.export(path, { quantize: 'uint8', validate: { x: mlp.xTest, y: mlp.yTest } })).rejects.toThrow(
      /The uint8 tfjs export of ".*" loses \d+\.\d\d accuracy points .* more than the allowed 0\.5; nothing was written/,
    );
    expect(await readdir(join(dir, 'bad'))).toEqual([]);
    // Over a good export of the same path: the refused one leaves both files as they were.
    await mlp.model.export(path, { quantize: 'uint8' });
    const good = await Promise.all(['model.json', 'group1-shard1of1.bin'].map((f) => readFile(join(dir, 'bad', f))));
    await expect(damaged.export(path, { quantize: 'uint8', validate: { x: mlp.xTest, y: mlp.yTest } })).rejects.toThrow(/nothing was written/);
    expect((await readdir(join(dir, 'bad'))).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const after = await Promise.all(['model.json', 'group1-shard1of1.bin'].map((f) => readFile(join(dir, 'bad', f))));
    expect(after.map((b, i) => Buffer.compare(b, good[i]!))).toEqual([0, 0]);
    damaged.dispose();
  }, 60_000);

  it("with onDrop: 'keep-float32' keeps the layer that loses the most at float32 and writes the rest quantized (tfjs uint8, ONNX int8)", async () => {
    // 1000 added to the first kernel row (pixel 0, always blank in MNIST): float32 predicts as
    // before, but every unit's range is so wide that 8 bits round its real weights away.
    const damaged = Sequential.fromConfig(mlp.model.getConfig());
    damaged.setWeights(mlp.model.getWeights());
    const kernel = damaged.layers[1]!.weights[0]!.variable;
    kernel.assign(tf.tidy(() => tf.add(kernel, tf.pad(tf.fill([1, 128], 1000), [[0, 783], [0, 0]]))));
    const validate = { x: mlp.xTest, y: mlp.yTest, onDrop: 'keep-float32' as const };
    const tfjsPath = join(dir, 'kept', 'model.json');
    for (const [path, quantize] of [[tfjsPath, 'uint8'], [join(dir, 'kept.onnx'), 'int8']] as const) {
      const report = await damaged.export(path, { quantize, validate });
      expect(report.float32Layers).toEqual(['dense']);
      expect(report.float32Accuracy! - report.exportedAccuracy!).toBeLessThanOrEqual(0.005);
      expect(existsSync(path)).toBe(true);
    }
    const json = JSON.parse(await readFile(tfjsPath, 'utf8')) as tf.io.ModelJSON;
    expect(json.weightsManifest[0]!.weights.map((w) => [w.name, w.quantization?.dtype ?? 'float32'])).toEqual([
      ['dense/kernel', 'float32'], ['dense/bias', 'float32'], ['dense_1/kernel', 'uint8'], ['dense_1/bias', 'uint8'],
    ]);
    damaged.dispose();
  }, 120_000);

  it('names a quantization the format cannot hold, and an unknown extension', async () => {
    await expect(mlp.model.export(join(dir, 'x.onnx'), { quantize: 'uint8' })).rejects.toThrow(/The onnx format cannot hold uint8 weights: expected int8 or float16/);
    await expect(mlp.model.export(join(dir, 'x.json'), { quantize: 'int8' })).rejects.toThrow(/The tfjs format cannot hold int8 weights: expected uint8 or uint16 or float16/);
    await expect(mlp.model.export(join(dir, 'x.h5'), { quantize: 'int8' })).rejects.toThrow(/The h5 format cannot hold int8 weights: expected float16/);
    await expect(mlp.model.export(join(dir, 'x.bin'))).rejects.toThrow(/a name ending in \.onnx, \.json \(tfjs\), \.h5 or \.keras/);
  });
});
