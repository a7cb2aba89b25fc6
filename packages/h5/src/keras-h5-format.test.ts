import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, loadModel, sequential, type Sequential } from '@neuralkit/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, expected, fixtureBytes, fixturePath, mnistTestSet } from '../test/fixtures.js';
import { h5Structure } from '../test/structure.js';
import './index.js';
import { saveToBlob, saveToBytes } from './keras-h5-format.js';
import { writeKerasH5 } from './write-h5.js';
import { readKerasModelFile } from './read-model-file.js';

type Model = Sequential & { optimizer: { iterations: number } };
const dir = mkdtempSync(join(tmpdir(), 'neuralkit-h5-'));
let test: ReturnType<typeof mnistTestSet>;

async function predictions(model: Sequential, n: number): Promise<Float32Array> {
  const x = tf.tensor3d(test.x.subarray(0, n * 784), [n, 28, 28]);
  const y = await model.predict(x);
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

/** The Keras beginner model with the names tf.keras gives it, trained a few steps so Adam has state. */
async function trainedModel(withDropout: boolean): Promise<Model> {
  setRandomSeed(1);
  const model = sequential([
    layers.flatten({ inputShape: [28, 28], name: 'flatten' }),
    layers.dense({ units: 128, activation: 'relu', name: 'dense' }),
    ...(withDropout ? [layers.dropout({ rate: 0.2, name: 'dropout' })] : []),
    layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  await fitSome(model, 0);
  return model as Model;
}

async function fitSome(model: Sequential, start: number): Promise<void> {
  const x = tf.tensor3d(test.x.subarray(start * 784, (start + 128) * 784), [128, 28, 28]);
  const y = tf.tensor1d(test.labels.subarray(start, start + 128), 'float32');
  await model.fit(x, y, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
}

beforeAll(async () => {
  await useBackend(cpuBackend());
  test = mnistTestSet();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadModel on the Keras fixtures', () => {
  const iterations: Record<string, number> = {
    [FILES.tfkeras224]: 18750, [FILES.tfkeras215]: 18750, [FILES.keras333]: 18750, [FILES.keras310]: 15000,
  };
  for (const name of Object.values(FILES)) {
    it(`${name}: accuracy, first 20 softmax rows, compiled, optimizer iteration`, async () => {
      const model = (await loadModel(fixturePath(name))) as Model;
      const probs = await predictions(model, 10000);
      let correct = 0;
      for (let i = 0; i < 10000; i += 1) {
        const row = probs.subarray(i * 10, i * 10 + 10);
        if (row.indexOf(Math.max(...row)) === test.labels[i]) correct += 1;
      }
      const want = expected.files[name]!;
      expect(correct / 10000).toBe(want.accuracy);
      want.first20_softmax.flat().forEach((p, k) => expect(Math.abs((probs[k] as number) - p)).toBeLessThan(1e-5));
      expect(model.optimizer.iterations).toBe(iterations[name]);
      expect(model.metricNames).toContain('accuracy');
    });
  }
});

describe('optimizer state from an OptimizerV2 file (all m slots, then all v slots)', () => {
  it('puts Adam/dense/kernel/m:0 and /v:0 into the kernel\'s momentum and velocity', async () => {
    const file = await readKerasModelFile(fixtureBytes(FILES.tfkeras224));
    const model = (await loadModel(fixtureBytes(FILES.tfkeras224))) as Model & { optimizer: { getWeights(): tf.Tensor[] } };
    const state = model.optimizer.getWeights();
    const byName = Object.fromEntries(file.optimizerWeights!.map((w) => [w.name, w.data]));
    // Our order: iteration, kernel momentum, kernel velocity, bias momentum, bias velocity.
    const want = ['Adam/iter:0', 'Adam/dense/kernel/m:0', 'Adam/dense/kernel/v:0', 'Adam/dense/bias/m:0', 'Adam/dense/bias/v:0'];
    want.forEach((name, i) => expect(Array.from(state[i]!.dataSync())).toEqual(Array.from(byName[name]!)));
    tf.dispose(state);
  });
});

describe('saving', () => {
  it('has the structure of the tf.keras 2.15 file of the same architecture', async () => {
    const model = await trainedModel(true);
    const path = join(dir, 'beginner.h5');
    await model.save(path);
    expect(await h5Structure(readFileSync(path))).toEqual(await h5Structure(fixtureBytes(FILES.tfkeras215)));
  });

  it('reloads with identical predictions, loss, metrics and optimizer state; training resumes identically', async () => {
    const model = await trainedModel(false);
    const path = join(dir, 'resume.h5');
    await model.save(path);
    const again = (await loadModel(path)) as Model;
    expect(await predictions(again, 50)).toEqual(await predictions(model, 50));
    expect(again.lossFn!.getConfig()).toEqual(model.lossFn!.getConfig());
    expect(again.metricNames).toEqual(model.metricNames);
    expect(again.getTrainingConfig()).toEqual(model.getTrainingConfig());
    // tf.keras 2.x refuses Keras-3-only optimizer arguments, so they are left out when at their default.
    const saved = (await readKerasModelFile(path)).trainingConfig!.optimizer_config as { config: Record<string, unknown> };
    expect(saved.config).not.toHaveProperty('loss_scale_factor');
    expect(saved.config).toMatchObject({ learning_rate: Math.fround(0.001), beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 });
    expect(again.optimizer.iterations).toBe(4); // 128 samples / batch 32
    await fitSome(model, 128);
    await fitSome(again, 128);
    expect(again.optimizer.iterations).toBe(8);
    expect(await predictions(again, 50)).toEqual(await predictions(model, 50));
  });

  it('to bytes, a Blob and a File for the browser, and back', async () => {
    const model = await trainedModel(false);
    const want = await predictions(model, 5);
    const before = tf.memory().numTensors;
    const bytes = await saveToBytes(model);
    expect(tf.memory().numTensors).toBe(before);
    const blob = await saveToBlob(model);
    expect(blob.type).toBe('application/x-hdf5');
    for (const source of [bytes, bytes.buffer, blob, new File([blob], 'm.h5')]) {
      expect(await predictions(await loadModel(source), 5)).toEqual(want);
    }
    const bare = await readKerasModelFile(await saveToBytes(model, { includeOptimizer: false }));
    expect([bare.trainingConfig, bare.optimizerWeights]).toEqual([undefined, undefined]);
  });

  it('a failed save leaves the previous file and no temporary file', async () => {
    const model = await trainedModel(false);
    const target = join(dir, 'is-a-directory.h5');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(model.save(target)).rejects.toThrow();
    expect(readdirSync(target)).toEqual(['keep']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('weights only (save_weights / load_weights)', () => {
  it('writes layer_names at the root, and loads into a fresh model of the same architecture', async () => {
    const model = await trainedModel(false);
    const path = join(dir, 'only.weights.h5');
    await model.saveWeights(path);
    const structure = await h5Structure(readFileSync(path));
    expect(structure['/']).toContain('layer_names: string/vlen/ascii [3]');
    expect(structure['/dense/dense/kernel:0']).toBe('dataset <f [784,128] {}');
    expect(structure['/model_weights']).toBeUndefined();
    const fresh = sequential([
      layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 128, activation: 'relu' }), layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    await fresh.loadWeights(path);
    expect(await predictions(fresh, 20)).toEqual(await predictions(model, 20));
    // A whole Keras model file works too, as with Keras's load_weights.
    const keras = sequential([
      layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 128, activation: 'relu' }), layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    await keras.loadWeights(fixturePath(FILES.keras333));
    const probs = await predictions(keras, 20);
    expected.files[FILES.keras333]!.first20_softmax.flat().forEach((p, k) => expect(Math.abs((probs[k] as number) - p)).toBeLessThan(1e-5));
  });
});

describe('bad models', () => {
  async function withChange(change: (file: Awaited<ReturnType<typeof readKerasModelFile>>) => void): Promise<Uint8Array> {
    const file = await readKerasModelFile(fixtureBytes(FILES.tfkeras224));
    change(file);
    return writeKerasH5(file);
  }
  const layersOf = (file: { modelConfig: { config: unknown } }) =>
    (file.modelConfig.config as { layers: Array<{ class_name: string; config: Record<string, unknown> }> }).layers;

  it('an unsupported layer class is named, with the supported ones', async () => {
    const bytes = await withChange((f) => { layersOf(f)[0]!.class_name = 'Lambda'; });
    await expect(loadModel(bytes)).rejects.toThrow(/layer class "Lambda" \(layer "flatten"\) is not supported: expected one of .*Dense.*Flatten/);
  });

  it('a weight that does not fit its layer names both', async () => {
    const units = await withChange((f) => { layersOf(f)[1]!.config.units = 1e9; });
    await expect(loadModel(units)).rejects.toThrow(
      'layer "dense" declares units 1000000000, but its stored weight "dense/kernel:0" (layer group "dense") has shape [784, 10].',
    );
    const input = await withChange((f) => { layersOf(f)[0]!.config.batch_input_shape = [null, 20, 28]; });
    await expect(loadModel(input)).rejects.toThrow(
      'weight "dense/kernel:0" of layer "dense" has shape [784, 10], but layer "dense" expects kernel of shape [560, 10].',
    );
  });
});
