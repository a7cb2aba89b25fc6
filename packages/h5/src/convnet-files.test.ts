/**
 * The convolutional layers in Keras files: a trained convnet saved as `.h5` has tf.keras 2.15's
 * layout (a group per layer, weights named `<layer>/<weight>:0` in Keras's order) and loads back
 * with identical predictions; a Keras 3 `.keras` archive of the same model (weights under
 * `layers/<snake_case class>/vars/<i>`) loads with identical predictions. SpatialDropout2D rides along.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { Group } from 'h5wasm';
import { h5Runtime } from './h5-runtime.js';
import { zipSync, strToU8 } from 'fflate';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, loadModel, sequential, type Sequential } from '@neuralkit/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h5Structure } from '../test/structure.js';
import './index.js';
import { saveToBytes } from './keras-h5-format.js';

const dir = mkdtempSync(join(tmpdir(), 'neuralkit-conv-h5-'));
beforeAll(() => useBackend(cpuBackend()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const x = () => tf.randomUniform([8, 12, 12, 1], 0, 1, 'float32', 9);
/** A convnet Keras 2.1.6 saved (test/fixtures/corpus/README.md): Conv2D 5×5 30, MaxPooling2D, Conv2D 3×3 15, MaxPooling2D, Dropout, Flatten, Dense 128, 50, 10. */
const KERAS_CONVNET = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus', 'lousens_conv_channels_first_keras2.1.6.h5');

/** Every new layer, with the default names Keras gives them, trained a few steps (moving statistics too). */
async function trainedConvnet(): Promise<Sequential> {
  setRandomSeed(4);
  const model = sequential([
    layers.input({ shape: [12, 12, 1] }),
    layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', name: 'conv2d' }),
    layers.batchNormalization({ name: 'batch_normalization' }),
    layers.maxPooling2d({ name: 'max_pooling2d' }),
    layers.spatialDropout2d({ rate: 0.25, name: 'spatial_dropout2d' }),
    layers.conv2d({ filters: 6, kernelSize: 2, padding: 'same', useBias: false, name: 'conv2d_1' }),
    layers.averagePooling2d({ poolSize: 2, padding: 'same', name: 'average_pooling2d' }),
    layers.reshape({ targetShape: [3, 3, 6], name: 'reshape' }),
    layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }),
    layers.dense({ units: 3, activation: 'softmax', name: 'dense' }),
  ], { name: 'sequential' });
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const input = x();
  const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32');
  await model.fit(input, y, { epochs: 2, batchSize: 4, verbose: 0 });
  tf.dispose([input, y]);
  return model;
}

async function predictions(model: Sequential): Promise<number[]> {
  const input = x();
  const y = await model.predict(input);
  const values = Array.from(await y.data());
  tf.dispose([input, y]);
  return values;
}

describe('convnet files', () => {
  it(".h5: tf.keras 2.15's groups, weight names and shapes; loads back with identical predictions and state", async () => {
    const model = await trainedConvnet();
    const bytes = await saveToBytes(model);
    const structure = await h5Structure(bytes);
    const dataset = (shape: number[]) => `dataset <f [${shape.join(',')}] {}`;
    expect(structure).toMatchObject({
      '/model_weights/conv2d/conv2d/kernel:0': dataset([3, 3, 1, 4]),
      '/model_weights/conv2d/conv2d/bias:0': dataset([4]),
      '/model_weights/batch_normalization/batch_normalization/gamma:0': dataset([4]),
      '/model_weights/batch_normalization/batch_normalization/beta:0': dataset([4]),
      '/model_weights/batch_normalization/batch_normalization/moving_mean:0': dataset([4]),
      '/model_weights/batch_normalization/batch_normalization/moving_variance:0': dataset([4]),
      '/model_weights/conv2d_1/conv2d_1/kernel:0': dataset([2, 2, 4, 6]),
      '/model_weights/max_pooling2d': 'group {weight_names: type1/8 [0]}',
      '/model_weights/global_average_pooling2d': 'group {weight_names: type1/8 [0]}',
      '/model_weights/spatial_dropout2d': 'group {weight_names: type1/8 [0]}',
    });
    expect(structure['/model_weights/conv2d_1/conv2d_1/bias:0']).toBeUndefined();
    // weight_names in Keras's order (trainable first, then the moving statistics), read with h5wasm.
    const { h5wasm, module } = await h5Runtime();
    module.FS.writeFile('/convnet.h5', bytes);
    const file = new h5wasm.File('/convnet.h5', 'r');
    const names = (group: string) => (file.get(`model_weights/${group}`) as Group).attrs.weight_names!.value;
    expect(names('batch_normalization')).toEqual([
      'batch_normalization/gamma:0', 'batch_normalization/beta:0', 'batch_normalization/moving_mean:0', 'batch_normalization/moving_variance:0',
    ]);
    expect(names('conv2d')).toEqual(['conv2d/kernel:0', 'conv2d/bias:0']);
    const layerNames = (file.get('model_weights') as Group).attrs.layer_names!.value;
    file.close();
    module.FS.unlink('/convnet.h5');
    expect(layerNames).toEqual(['conv2d', 'batch_normalization', 'max_pooling2d', 'spatial_dropout2d', 'conv2d_1', 'average_pooling2d', 'reshape', 'global_average_pooling2d', 'dense']);

    const path = join(dir, 'convnet.h5');
    await model.save(path);
    const again = await loadModel(path);
    expect(await predictions(again)).toEqual(await predictions(model));
    expect(again.getConfig()).toEqual(model.getConfig());
    const weights = (m: Sequential) => m.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(again)).toEqual(weights(model));
    expect(again.optimizer?.iterations).toBe(model.optimizer?.iterations);
    model.dispose();
    again.dispose();
  });

  it("the same architecture as a real Keras convnet .h5 gives Keras's layout: groups, datasets, attribute names and kinds", async () => {
    // The Keras file is channels_first, ours channels_last; kernels are [h, w, in, out] in both, and
    // 28 → 24 → 12 → 10 → 5 gives Flatten 5·5·15 = 375 either way, so the weight datasets agree in shape.
    const model = sequential([
      layers.input({ shape: [28, 28, 1] }),
      layers.conv2d({ filters: 30, kernelSize: 5, activation: 'relu', name: 'conv2d_3' }),
      layers.maxPooling2d({ name: 'max_pooling2d_3' }),
      layers.conv2d({ filters: 15, kernelSize: 3, activation: 'relu', name: 'conv2d_4' }),
      layers.maxPooling2d({ name: 'max_pooling2d_4' }),
      layers.dropout({ rate: 0.2, name: 'dropout_2' }),
      layers.flatten({ name: 'flatten_2' }),
      layers.dense({ units: 128, activation: 'relu', name: 'dense_3' }),
      layers.dense({ units: 50, activation: 'relu', name: 'dense_4' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'dense_5' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const ours = await h5Structure(await saveToBytes(model));
    const keras = await h5Structure(new Uint8Array(readFileSync(KERAS_CONVNET)));
    // The root and model_weights groups, and everything under model_weights: one line per path. Two
    // differences are Keras versions', not the layers': strings are fixed-length ASCII in 2.1.6 and
    // variable-length in tf.keras 2.15 (whose layout we write, checked in keras-h5-format.test.ts),
    // and tf.keras 2.15 adds an empty top_level_model_weights group.
    const modelPart = (structure: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(structure)
          .filter(([path]) => path === '/' || (path.startsWith('/model_weights') && path !== '/model_weights/top_level_model_weights'))
          .map(([path, line]) => [path, line.replace(/string\/(vlen|fixed)\/(ascii|utf8)/g, 'string')]),
      );
    expect(Object.keys(modelPart(keras))).toHaveLength(26);
    expect(modelPart(ours)).toEqual(modelPart(keras));
    expect(keras['/model_weights/conv2d_3/conv2d_3/kernel:0']).toBe('dataset <f [5,5,1,30] {}');
    expect(keras['/model_weights/max_pooling2d_3']).toBe('group {weight_names: type1/8 [0]}');
    model.dispose();
  });

  it('.keras (Keras 3): layers/conv2d, layers/batch_normalization... vars load with identical predictions', async () => {
    const model = await trainedConvnet();
    const { h5wasm, module } = await h5Runtime();
    const path = '/convnet.weights.h5';
    const file = new h5wasm.File(path, 'w');
    file.create_group('layers');
    const seen = new Map<string, number>();
    for (const layer of model.layers) {
      // Keras 3 keys a Sequential's layers by snake_case class name, numbered by repeats.
      const base = { Conv2D: 'conv2d', BatchNormalization: 'batch_normalization', MaxPooling2D: 'max_pooling2d', AveragePooling2D: 'average_pooling2d',
        Reshape: 'reshape', GlobalAveragePooling2D: 'global_average_pooling2d', Dense: 'dense', SpatialDropout2D: 'spatial_dropout2d' }[layer.className]!;
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      const key = `layers/${count === 0 ? base : `${base}_${count}`}`;
      file.create_group(key);
      const vars = file.create_group(`${key}/vars`);
      layer.getWeights().forEach((w, i) => vars.create_dataset({ name: String(i), data: Float32Array.from(w.dataSync()), shape: w.shape, dtype: '<f' }));
    }
    file.close();
    const weightsBytes = module.FS.readFile(path);
    module.FS.unlink(path);
    const config = { module: 'keras', class_name: 'Sequential', config: model.getConfig({ style: 'keras3' }), registered_name: null };
    const archive = zipSync({
      'metadata.json': strToU8(JSON.stringify({ keras_version: '3.10.0', date_saved: '2026-01-01@00:00:00' })),
      'config.json': strToU8(JSON.stringify(config)),
      'model.weights.h5': weightsBytes,
    });
    // Keras 3's SpatialDropout2D entry: rate, seed, name, dtype, data_format (its constructor takes no `trainable`).
    const spatial = (config.config.layers as Array<{ class_name: string; config: Record<string, unknown> }>).find((l) => l.class_name === 'SpatialDropout2D')!;
    expect(Object.keys(spatial.config)).toEqual(['rate', 'seed', 'name', 'dtype', 'data_format']);
    const again = await loadModel(archive);
    expect(again.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
    expect(await predictions(again)).toEqual(await predictions(model));
    model.dispose();
    again.dispose();
  });
});
