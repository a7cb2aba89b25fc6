/**
 * The file variants real Keras writes, each shown on a real file: the corpus and the shared
 * fixtures (downloads, unchanged) or, where no licensed download has the variant, a file derived
 * from one by a stated edit.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { layers, loadModel, sequential, type Sequential } from '@neuralkit/model';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import '../src/index.js';
import { readKerasModelFile } from '../src/read-model-file.js';
import { FILES, expected, fixturePath, mnistTestSet } from './fixtures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const corpus = (name: string) => join(HERE, 'fixtures/corpus', name);
const derived = (name: string) => join(HERE, 'fixtures/derived', name);
const dir = mkdtempSync(join(tmpdir(), 'neuralkit-variants-'));
beforeAll(() => useBackend(cpuBackend()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function firstArgmax(model: Sequential, n: number): Promise<number[]> {
  const x = tf.tensor3d(mnistTestSet().x.subarray(0, n * 784), [n, 28, 28]);
  const y = await model.predict(x);
  const rows = (await y.array()) as number[][];
  tf.dispose([x, y]);
  return rows.map((r) => r.indexOf(Math.max(...r)));
}

describe('Keras file variants on real files', () => {
  it('dtype as a DTypePolicy object (Keras 3.10 .keras)', async () => {
    const file = await readKerasModelFile(corpus('divya_dense_keras3.10.0.keras'));
    const dense = (file.modelConfig.config as { layers: Array<{ class_name: string; config: { dtype: unknown } }> }).layers[2]!;
    expect(dense.config.dtype).toMatchObject({ class_name: 'DTypePolicy', config: { name: 'float32' } });
    const model = await loadModel(corpus('divya_dense_keras3.10.0.keras'));
    expect(model.layers[1]!.getConfig().dtype).toBe('float32');
  });

  it('HDF5 name attributes as fixed-length bytes (Keras 2.1.6) and as variable-length strings (Keras 3.3.3)', async () => {
    const bytes = await readKerasModelFile(corpus('lousens_conv_channels_first_keras2.1.6.h5'));
    expect(bytes.layers.map((l) => l.name)).toEqual(['conv2d_3', 'max_pooling2d_3', 'conv2d_4', 'max_pooling2d_4', 'dropout_2', 'flatten_2', 'dense_3', 'dense_4', 'dense_5']);
    expect(bytes.layers[0]!.weights.map((w) => w.name)).toEqual(['conv2d_3/kernel:0', 'conv2d_3/bias:0']);
    const strings = await readKerasModelFile(fixturePath(FILES.keras333));
    expect(strings.layers.find((l) => l.weights.length)!.weights[0]!.name).toBe('sequential/dense/kernel');
  });

  it('a Sequential without InputLayer: the shape on the first layer (tf.keras 2.2.4; Keras 2.1.6 as a bare layer list)', async () => {
    const model = await loadModel(fixturePath(FILES.tfkeras224));
    expect(model.inputShape).toEqual([null, 28, 28]);
    expect(await firstArgmax(model, 20)).toEqual(expected.files[FILES.tfkeras224]!.first20_argmax);
    const list = await readKerasModelFile(corpus('lousens_conv_channels_first_keras2.1.6.h5'));
    expect(Array.isArray(list.modelConfig.config)).toBe(true);
    expect((list.modelConfig.config as Array<{ config: Record<string, unknown> }>)[0]!.config.batch_input_shape).toEqual([null, 1, 28, 28]);
  });

  it('Keras 3 legacy .h5 weight paths (sequential/dense/kernel) load and predict', async () => {
    const model = await loadModel(fixturePath(FILES.keras333));
    expect(await firstArgmax(model, 20)).toEqual(expected.files[FILES.keras333]!.first20_argmax);
  });

  it('the format is told by the first bytes: HDF5 named .keras, a .keras zip named .h5', async () => {
    const h5AsKeras = join(dir, 'saved-as.keras');
    copyFileSync(fixturePath(FILES.tfkeras215), h5AsKeras);
    expect((await readKerasModelFile(h5AsKeras)).format).toBe('h5');
    expect(await firstArgmax(await loadModel(h5AsKeras), 20)).toEqual(expected.files[FILES.tfkeras215]!.first20_argmax);
    const zipAsH5 = join(dir, 'zip-named.h5');
    copyFileSync(corpus('divya_dense_keras3.10.0.keras'), zipAsH5);
    expect((await readKerasModelFile(zipAsH5)).format).toBe('keras');
  });

  it('a compile config without optimizer loads uncompiled, with a warning naming it (Keras 3.10 file, optimizer removed)', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(corpus('divya_dense_keras3.10.0.keras'))));
    const config = JSON.parse(strFromU8(entries['config.json']!)) as { compile_config: Record<string, unknown> };
    config.compile_config.optimizer = { config: {} }; // what the Keras 3.11 file of the issue holds
    entries['config.json'] = strToU8(JSON.stringify(config));
    const path = join(dir, 'no-optimizer.keras');
    writeFileSync(path, zipSync(entries));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const model = await loadModel(path);
      expect(model.optimizer).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/no-optimizer\.keras: loaded uncompiled: the saved compile config has no optimizer/));
      expect((await firstArgmax(model, 20)).length).toBe(20);
    } finally {
      warn.mockRestore();
    }
  });

  it('a weights-only file: loadModel points to loadWeights, which loads it by layer name', async () => {
    const path = derived('weights_only_from_tfkeras2.15.0.h5');
    await expect(loadModel(path)).rejects.toThrow(/weights-only file .* call `model\.loadWeights\(file\)`/);
    const model = sequential([
      layers.flatten({ inputShape: [28, 28], name: 'flatten' }),
      layers.dense({ units: 128, activation: 'relu', name: 'dense' }),
      layers.dropout({ rate: 0.2, name: 'dropout' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
    ]);
    await model.loadWeights(path);
    expect(await firstArgmax(model, 20)).toEqual(expected.files[FILES.tfkeras215]!.first20_argmax);
    model.dispose();
  });

  it('Keras 3 .keras weights grouped by attribute path, not by the config\'s layer names (Keras 3.10 file, layers renamed)', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(corpus('divya_dense_keras3.10.0.keras'))));
    const config = JSON.parse(strFromU8(entries['config.json']!)) as { config: { layers: Array<{ config: { name: string } }> } };
    // A model built after others in one session: names dense_12, dense_13... while the weights stay at layers/dense, layers/dense_1...
    config.config.layers.forEach((l, i) => { if (i > 0) l.config.name = `${l.config.name}_1${i}`; });
    entries['config.json'] = strToU8(JSON.stringify(config));
    const path = join(dir, 'renamed.keras');
    writeFileSync(path, zipSync(entries));
    const model = await loadModel(path);
    expect(model.layers.map((l) => l.name)).toEqual(['flatten_11', 'dense_12', 'dropout_13', 'dense_1_14', 'dropout_1_15', 'dense_2_16']);
    const reference = JSON.parse(readFileSync(corpus('reference.json'), 'utf8'))['divya_dense_keras3.10.0.keras'] as { argmax: number[] };
    expect(await firstArgmax(model, 20)).toEqual(reference.argmax);
  });

  it('a Keras 3 Functional config (__keras_tensor__ nodes) in a .keras archive loads onto its weights (Keras 3.10 file, config rewritten as Functional)', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(corpus('divya_dense_keras3.10.0.keras'))));
    const config = JSON.parse(strFromU8(entries['config.json']!)) as { class_name: string; config: { name: string; layers: Array<Record<string, unknown> & { config: { name: string } }> } };
    const entriesOut = config.config.layers.map((layer, i, all) => ({
      ...layer,
      name: layer.config.name,
      inbound_nodes: i === 0 ? [] : [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 28, 28], dtype: 'float32', keras_history: [all[i - 1]!.config.name, 0, 0] } }], kwargs: {} }],
    }));
    const last = entriesOut[entriesOut.length - 1]!.name;
    config.class_name = 'Functional';
    config.config = { ...config.config, name: 'functional', layers: entriesOut, input_layers: [['input_layer', 0, 0]], output_layers: [[last, 0, 0]] } as never;
    entries['config.json'] = strToU8(JSON.stringify(config));
    const path = join(dir, 'functional.keras');
    writeFileSync(path, zipSync(entries));
    const model = await loadModel(path);
    expect(model.className).toBe('Functional');
    const reference = JSON.parse(readFileSync(corpus('reference.json'), 'utf8'))['divya_dense_keras3.10.0.keras'] as { argmax: number[] };
    expect(await firstArgmax(model, 20)).toEqual(reference.argmax);
  });

  it('a .keras zip with `\\` in its weight group names, as Keras 2.13–2.15 wrote on Windows (Keras 3.10 file, groups renamed)', async () => {
    const model = await loadModel(derived('windows_backslash_from_keras3.10.0.keras'));
    const reference = JSON.parse(readFileSync(corpus('reference.json'), 'utf8'))['divya_dense_keras3.10.0.keras'] as { argmax: number[] };
    expect(await firstArgmax(model, 20)).toEqual(reference.argmax);
  });

  it('a Keras 3 weights file (the .weights.h5 inside a real Keras 3.10 .keras): loadModel points to loadWeights, which loads it by layer order', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(corpus('divya_dense_keras3.10.0.keras'))));
    const path = join(dir, 'mnist.weights.h5');
    writeFileSync(path, entries['model.weights.h5']!);
    await expect(loadModel(path)).rejects.toThrow(/weights-only file .* call `model\.loadWeights\(file\)`/);
    const model = sequential([
      layers.flatten({ inputShape: [28, 28] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 32, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    await model.loadWeights(path);
    const reference = JSON.parse(readFileSync(corpus('reference.json'), 'utf8'))['divya_dense_keras3.10.0.keras'] as { argmax: number[] };
    expect(await firstArgmax(model, 20)).toEqual(reference.argmax);
    model.dispose();
  });
});
