/**
 * Interop with @tensorflow/tfjs-layers 4.22 both ways: a neuralkit-saved model.json loads with
 * `tf.loadLayersModel` and predicts the same, and a tfjs-layers-saved model loads in neuralkit
 * and predicts the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../src/layers/index.js';
import { Sequential } from '../src/sequential.js';
import { loadModel, saveModel } from '../src/io/model-format.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
  dir = await mkdtemp(join(tmpdir(), 'nk-interop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A tfjs IOHandler over the model.json + weights files, as tfjs-node's file:// handler reads them. */
function fileHandler(jsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      const bins = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
      const data = new Uint8Array(Buffer.concat(bins)).buffer;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => [manifest.flatMap((g) => g.weights), data]);
    },
  };
}

const x = (): tf.Tensor => tf.randomUniform([5, 4, 4], 0, 1, 'float32', 11);

describe('tfjs-layers interop', () => {
  it('a neuralkit model.json loads with tf.loadLayersModel, compiled, and predicts the same', async () => {
    setRandomSeed(1);
    const model = new Sequential({
      layers: [
        layers.flatten({ inputShape: [4, 4] }),
        layers.dense({ units: 8, activation: 'relu' }),
        layers.dropout({ rate: 0.2 }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await model.fit(x(), tf.tensor1d([0, 1, 2, 1, 0], 'int32'), { epochs: 2, batchSize: 2, verbose: 0 });
    const path = join(dir, 'neuralkit.json');
    await saveModel(model, path);

    const input = x();
    const expected = await model.predict(input);
    // tfjs variable names are engine-wide: free ours (named dense/kernel too) before tfjs-layers loads.
    model.dispose();
    const theirs = await tfl.loadLayersModel(fileHandler(path));
    const actual = theirs.predict(input) as tf.Tensor;
    expect(actual.shape).toEqual([5, 3]);
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()).map((v) => expect.closeTo(v, 6)));
    // The training config came through: tfjs-layers compiled it with Adam at Keras's learning rate.
    expect(theirs.optimizer?.getClassName()).toBe('Adam');
    expect((theirs.optimizer as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.001, 9);
    expect(theirs.loss).toBe('sparseCategoricalCrossentropy'); // tfjs-layers camel-cases Keras's name
    // tfjs-layers can keep training it.
    const h = await theirs.fit(input, tf.tensor1d([0, 1, 2, 1, 0]), { epochs: 1, verbose: 0 });
    expect(Number.isFinite(h.history.loss?.[0] as number)).toBe(true);
    tf.dispose([input, expected, actual]);
    theirs.dispose();
  });

  it('a tfjs-layers model.json (glorot-normal Dense kernels) loads in neuralkit and predicts the same', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [4, 4] }),
        tfl.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: 'glorotNormal' }),
        tfl.layers.dense({ units: 2, activation: 'sigmoid', biasInitializer: 'randomNormal' }),
      ],
    });
    theirs.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await theirs.fit(x(), tf.ones([5, 2]), { epochs: 2, verbose: 0 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await theirs.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    const ours = await loadModel(tf.io.fromMemory(artifacts!));
    expect(ours.layers.map((l) => l.className)).toEqual(['Flatten', 'Dense', 'Dense']);
    const input = x();
    const expected = theirs.predict(input) as tf.Tensor;
    const actual = await ours.predict(input);
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()).map((v) => expect.closeTo(v, 6)));
    // Compiled from tfjs-layers' camelCase optimizer config and its slot-major Adam state.
    expect(ours.optimizer?.getConfig()).toMatchObject({ learning_rate: expect.closeTo(0.01, 9), beta_1: 0.9 });
    expect(ours.optimizer?.iterations).toBe(2 * 1); // 2 epochs × 1 batch of 5
    await ours.fit(input, tf.ones([5, 2]), { epochs: 1, verbose: 0 });
    tf.dispose([input, expected, actual]);
    theirs.dispose();
    ours.dispose();
  });
});
