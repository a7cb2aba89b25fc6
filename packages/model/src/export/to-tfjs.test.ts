import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { argmaxRows, trainedMlp, type TrainedMlp } from '../../test/trained-mlp.js';
import { loadModel } from '../io/model-format.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { quantizeTfjsWeight } from './tfjs-weight-quantization.js';
import { toTfjs, writeTfjs } from './to-tfjs.js';

let dir: string;
beforeAll(async () => {
  await activate('cpu');
  dir = await mkdtemp(join(tmpdir(), 'nk-tfjs-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** tfjs-node's file:// reading, as an IOHandler over model.json and its shards. */
function fileHandler(jsonPath: string, folder: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      const bins = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(folder, p))));
      const data = new Uint8Array(Buffer.concat(bins)).buffer;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => [manifest.flatMap((g) => g.weights), data]);
    },
  };
}

async function accuracy(pred: tf.Tensor, labels: tf.Tensor): Promise<number> {
  const [p, y] = [await argmaxRows(pred), (await labels.data()) as Uint8Array];
  return p.filter((c, i) => c === y[i]).length / p.length;
}

describe('tfjs weight quantization (the converter’s encoding)', () => {
  it('uint8: range nudged so 0 is exact, values rounded half to even', () => {
    // min -1, max 2: scale 3/255; zero point round(85) → min -85 * scale = -1, max 2.
    // 0.5 → (0.5 + 1) / scale = 127.5 → 128 (even).
    const { bytes, quantization } = quantizeTfjsWeight(Float32Array.from([-1, 0, 0.5, 2]), 'uint8');
    expect(Array.from(bytes)).toEqual([0, 85, 128, 255]);
    expect(quantization).toEqual({ dtype: 'uint8', min: -1, scale: 3 / 255, original_dtype: 'float32' });
    // Decoded as tfjs does (q * scale + min), zero comes back exactly.
    expect(85 * quantization.scale! + quantization.min!).toBe(0);
  });

  it('a constant weight is all zeros with scale 1; uint16 and float16 widths', () => {
    expect(quantizeTfjsWeight(Float32Array.from([0.5, 0.5]), 'uint8').quantization).toEqual({ dtype: 'uint8', min: 0.5, scale: 1, original_dtype: 'float32' });
    expect(quantizeTfjsWeight(Float32Array.from([1, 2, 3]), 'uint16').bytes.length).toBe(6);
    const half = quantizeTfjsWeight(Float32Array.from([1, -2]), 'float16');
    expect(Array.from(new Uint16Array(half.bytes.buffer))).toEqual([0x3c00, 0xc000]);
    expect(half.quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
  });
});

describe('tfjs export of the trained lecture MLP, loaded by tfjs-layers 4.22', () => {
  const quantizations = ['uint8', 'uint16', 'float16'] as const;
  const folders: Record<string, string> = {};
  const sizes: Record<string, { bytes: number; gzipped: number }> = {};
  let xTest: tf.Tensor;
  let yTest: tf.Tensor;
  let ours: number;
  let dispose: () => void;
  beforeAll(async () => {
    const mlp: TrainedMlp = await trainedMlp();
    ({ xTest, yTest, dispose } = mlp);
    const pred = await mlp.model.predict(xTest, { batchSize: 1000 });
    ours = await accuracy(pred, yTest);
    pred.dispose();
    for (const quantize of quantizations) {
      const folder = await mkdtemp(join(dir, `${quantize}-`));
      const files = await toTfjs(mlp.model, { quantize });
      const bytes = await writeTfjs(join(folder, 'model.json'), files);
      const gzipped = gzipSync(JSON.stringify(files.modelJson)).length + files.shards.reduce((n, s) => n + gzipSync(s.bytes).length, 0);
      folders[quantize] = folder;
      sizes[quantize] = { bytes, gzipped };
    }
    // tfjs variable names are engine-wide: free ours (dense/kernel too) before tfjs-layers loads.
    mlp.model.dispose();
  }, 120_000);
  afterAll(() => dispose());

  it('uint8 is at most 102 KB, a quarter of float32, without optimizer or compile settings', async () => {
    // Gzipped it is about 88 KB after this one epoch; the lecture's 5 epochs (batch 32) give 80.6 KB,
    // as the weights' range widens and most values fall into fewer of the 256 levels.
    expect(sizes.uint8!.bytes).toBeLessThanOrEqual(102 * 1024);
    expect(sizes.uint8!.gzipped).toBeLessThan(sizes.uint8!.bytes);
    expect(sizes.float16!.bytes).toBeGreaterThan(2 * 101_770);
    const json = JSON.parse(await readFile(join(folders.uint8!, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(json.trainingConfig).toBeUndefined();
    expect(json.weightsManifest[0]!.paths).toEqual(['group1-shard1of1.bin']);
    expect(json.weightsManifest[0]!.weights.map((w) => w.name)).toEqual(['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']);
  });

  for (const quantize of quantizations) {
    it(`${quantize}: tf.loadLayersModel's accuracy on the test set is within 0.1 point of ours; neuralkit reads it the same`, async () => {
      const jsonPath = join(folders[quantize]!, 'model.json');
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      expect(json.weightsManifest[0]!.weights[0]!.quantization?.dtype).toBe(quantize);
      const theirs = await tfl.loadLayersModel(fileHandler(jsonPath, folders[quantize]!));
      const theirPred = theirs.predict(xTest) as tf.Tensor;
      expect(Math.abs((await accuracy(theirPred, yTest)) - ours)).toBeLessThanOrEqual(0.001);
      const back = await loadModel(jsonPath);
      const x = tf.slice(xTest, 0, 200);
      const [a, b] = [await back.predict(x), theirs.predict(x) as tf.Tensor];
      const diff = tf.max(tf.abs(tf.sub(a, b)));
      expect((await diff.data())[0]).toBeLessThan(1e-6);
      tf.dispose([theirPred, x, a, b, diff]);
      theirs.dispose();
      back.dispose();
    }, 60_000);
  }
});

describe('tfjs export: shards and refusals', () => {
  it('cuts weights over 4 MiB into group1-shardNofM.bin files that load back', async () => {
    const model = sequential([layers.dense({ inputShape: [784], units: 1400, name: 'wide' })]);
    const files = await toTfjs(model);
    expect(files.shards.map((s) => [s.name, s.bytes.length])).toEqual([
      ['group1-shard1of2.bin', 4 * 1024 * 1024],
      ['group1-shard2of2.bin', (784 * 1400 + 1400) * 4 - 4 * 1024 * 1024],
    ]);
    const folder = await mkdtemp(join(dir, 'wide-'));
    await writeTfjs(join(folder, 'model.json'), files);
    const back = await loadModel(join(folder, 'model.json'));
    expect(Array.from(await back.layers[0]!.weights[1]!.variable.data())).toEqual(Array.from(await model.layers[0]!.weights[1]!.variable.data()));
    back.dispose();
    model.dispose();
  });

  it('refuses an int8-quantized model, naming the layer', async () => {
    const model = sequential([layers.dense({ inputShape: [3], units: 2, name: 'q' })]);
    model.quantize('int8');
    await expect(toTfjs(model)).rejects.toThrow(/tfjs-layers cannot run the int8-quantized layer "q"/);
    model.dispose();
  });
});
