/**
 * The convolutional layers through tfjs-layers 4.22's model.json, both ways: a neuralkit convnet
 * (every new layer, BatchNormalization's moving statistics trained) loads with
 * `tf.loadLayersModel` and predicts the same; a tfjs-layers convnet loads here and predicts the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setRandomSeed } from '@neuralkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../src/layers/index.js';
import { Sequential } from '../src/sequential.js';
import { loadModel, saveModel } from '../src/io/model-format.js';
import { activate } from './backend.js';

let dir: string;
beforeAll(async () => {
  await activate('cpu');
  dir = await mkdtemp(join(tmpdir(), 'nk-conv-interop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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

const images = () => tf.randomUniform([6, 10, 10, 1], 0, 1, 'float32', 5);
const closeTo = (values: Float32Array | Int32Array | Uint8Array) => Array.from(values).map((v) => expect.closeTo(v, 5));

describe('tfjs-layers interop for the convolutional layers', () => {
  it('a neuralkit convnet model.json loads with tf.loadLayersModel and predicts the same', async () => {
    setRandomSeed(3);
    const model = new Sequential({
      layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [10, 10, 1] }),
        layers.batchNormalization(),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.conv2d({ filters: 6, kernelSize: [2, 3], padding: 'same', useBias: false }),
        layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
        layers.reshape({ targetShape: [2, 2, 6] }),
        layers.globalMaxPooling2d(),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = images();
    await model.fit(x, tf.tensor1d([0, 1, 2, 1, 0, 2], 'int32'), { epochs: 2, batchSize: 3, verbose: 0 });
    const path = join(dir, 'convnet.json');
    await saveModel(model, path);
    const expected = await model.predict(x);
    model.dispose();
    const theirs = await tfl.loadLayersModel(fileHandler(path));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual([
      'Conv2D', 'BatchNormalization', 'MaxPooling2D', 'Conv2D', 'AveragePooling2D', 'Reshape', 'GlobalMaxPooling2D', 'Dense',
    ]);
    const actual = theirs.predict(x) as tf.Tensor;
    expect(Array.from(await actual.data())).toEqual(closeTo(await expected.data()));
    tf.dispose([x, expected, actual]);
    theirs.dispose();
  });

  it('a dilated Conv2D and GlobalAveragePooling2D load in tfjs-layers and predict the same', async () => {
    setRandomSeed(8);
    const model = new Sequential({
      layers: [
        layers.conv2d({ filters: 3, kernelSize: 3, dilationRate: 2, activation: 'tanh', inputShape: [10, 10, 1] }),
        layers.globalAveragePooling2d(),
        layers.dense({ units: 2 }),
      ],
    });
    const path = join(dir, 'dilated.json');
    await saveModel(model, path);
    const x = images();
    const expected = await model.predict(x);
    model.dispose();
    const theirs = await tfl.loadLayersModel(fileHandler(path));
    expect(theirs.layers[0]!.getConfig()).toMatchObject({ dilationRate: [2, 2] });
    const actual = theirs.predict(x) as tf.Tensor;
    expect(Array.from(await actual.data())).toEqual(closeTo(await expected.data()));
    tf.dispose([x, expected, actual]);
    theirs.dispose();
  });

  it("refuses keepdims: true, which tfjs-layers 4.22 would ignore", async () => {
    const model = new Sequential({ layers: [layers.globalAveragePooling2d({ keepdims: true, inputShape: [4, 4, 2], name: 'gap' })] });
    await expect(saveModel(model, join(dir, 'keepdims.json'))).rejects.toThrow(/Layer "gap" \(GlobalAveragePooling2D\) uses keepdims: true, which tfjs-layers 4.22 ignores/);
    model.dispose();
  });

  it('refuses SpatialDropout2D, which tfjs-layers 4.22 does not have', async () => {
    const model = new Sequential({ layers: [layers.spatialDropout2d({ rate: 0.2, inputShape: [4, 4, 2], name: 'sd' })] });
    await expect(saveModel(model, join(dir, 'spatial.json'))).rejects.toThrow(/Layer "sd" \(SpatialDropout2D\) has no counterpart in tfjs-layers 4\.22/);
    expect(tfl.layers).not.toHaveProperty('spatialDropout2d');
    model.dispose();
  });

  it('a tfjs-layers convnet model.json loads in neuralkit and predicts the same', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, activation: 'relu', inputShape: [10, 10, 1] }),
        tfl.layers.batchNormalization({ momentum: 0.9 }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    // Non-trivial moving statistics, as after training.
    const bn = theirs.layers[1]!;
    bn.setWeights([tf.tensor1d([1.5, 0.5, 2]), tf.tensor1d([0.1, -0.2, 0.3]), tf.tensor1d([0.2, 0.4, 0.1]), tf.tensor1d([2, 0.5, 1.5])]);
    await theirs.save(tf.io.withSaveHandler(async (artifacts) => {
      const { writeFile } = await import('node:fs/promises');
      const weightsPath = 'tfjs.weights.bin';
      await writeFile(join(dir, weightsPath), new Uint8Array(artifacts.weightData as ArrayBuffer));
      const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', generatedBy: 'tfjs-layers', convertedBy: null,
        weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs }] };
      await writeFile(join(dir, 'tfjs.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const x = images();
    const expected = theirs.predict(x) as tf.Tensor;
    const values = await expected.data();
    theirs.dispose();
    const ours = await loadModel(join(dir, 'tfjs.json'));
    expect(ours.layers.map((l) => l.className)).toEqual(['Conv2D', 'BatchNormalization', 'AveragePooling2D', 'GlobalAveragePooling2D', 'Dense']);
    const actual = await ours.predict(x);
    expect(Array.from(await actual.data())).toEqual(closeTo(values));
    tf.dispose([x, expected, actual]);
    ours.dispose();
  });
});
