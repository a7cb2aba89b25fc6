import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, loadModel, sequential } from '@neuralkit/model';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { createH5Bytes, withH5Bytes } from './h5-runtime.js';
import { readKerasArchive } from './read-keras-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'neuralkit-keras-int8-'));
beforeAll(() => useBackend(cpuBackend()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function smallModel() {
  setRandomSeed(3);
  return sequential([
    layers.flatten({ inputShape: [4, 2], name: 'flatten' }),
    layers.dense({ units: 5, activation: 'relu', name: 'dense', biasInitializer: 'ones' }),
    layers.dense({ units: 3, activation: 'softmax', name: 'dense_1' }),
  ]);
}

/** A Dense entry as Keras 3.10 writes it in config.json, with the int8 dtype policy `quantize('int8')` sets. */
function kerasDense(name: string, units: number, activation: string, inputDim: number) {
  return {
    module: 'keras.layers',
    class_name: 'Dense',
    config: {
      name,
      trainable: true,
      dtype: { module: 'keras', class_name: 'QuantizedDTypePolicy', config: { mode: 'int8', source_name: 'float32' }, registered_name: null },
      units,
      activation,
      use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: null,
      bias_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      quantization_config: null,
    },
    registered_name: null,
    build_config: { input_shape: [null, inputDim] },
  };
}

describe('.keras with int8 layers', () => {
  it("writes Keras 3's int8 layout: vars/0 int8 kernel, vars/1 bias, vars/2 kernel_scale, and loads it back", async () => {
    const model = smallModel();
    model.quantize('int8');
    const path = join(dir, 'int8.keras');
    await model.save(path);
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(path));
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    const config = JSON.parse(new TextDecoder().decode(entries['config.json']));
    expect(config.config.layers[2].config.dtype.class_name).toBe('QuantizedDTypePolicy');
    const layout = await withH5Bytes(entries['model.weights.h5']!, 'w', (file) =>
      ['0', '1', '2'].map((k) => {
        const d = file.get(`layers/dense/vars/${k}`) as unknown as { dtype: string; shape: number[] };
        return [d.dtype, d.shape];
      }),
    );
    expect(layout).toEqual([['<b', [8, 5]], ['<f', [5]], ['<f', [5]]]);

    const loaded = await loadModel(path);
    expect(loaded.layers[1]!.quantizationMode).toBe('int8');
    const x = tf.randomUniform([6, 4, 2], 0, 1, 'float32', 1);
    const [a, b] = [await model.predict(x), await loaded.predict(x)];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    await expect(model.save(join(dir, 'int8.h5'))).rejects.toThrow(/cannot hold the int8-quantized layer "dense": save the model as \.keras/);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('an int8 Conv2D (one scale per filter) saves in the same layout and loads back predicting the same', async () => {
    setRandomSeed(4);
    const model = sequential([
      layers.conv2d({ inputShape: [5, 5, 1], filters: 2, kernelSize: 3, activation: 'relu', name: 'conv' }),
      layers.flatten({ name: 'flatten' }),
      layers.dense({ units: 3, name: 'dense' }),
    ]);
    model.quantize('int8');
    const path = join(dir, 'conv-int8.keras');
    await model.save(path);
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(new Uint8Array((await import('node:fs')).readFileSync(path)));
    const layout = await withH5Bytes(entries['model.weights.h5']!, 'w', (file) =>
      ['0', '1', '2'].map((k) => {
        const d = file.get(`layers/conv2d/vars/${k}`) as unknown as { dtype: string; shape: number[] };
        return [d.dtype, d.shape];
      }),
    );
    expect(layout).toEqual([['<b', [3, 3, 1, 2]], ['<f', [2]], ['<f', [2]]]);
    const loaded = await loadModel(path);
    expect(loaded.layers[0]!.quantizationMode).toBe('int8');
    const x = tf.randomUniform([4, 5, 5, 1], 0, 1, 'float32', 2);
    const [a, b] = [await model.predict(x), await loaded.predict(x)];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it("loads a .keras in Keras 3.10's quantized layout (QuantizedDTypePolicy, int8 datasets)", async () => {
    // Kernel [[1, -2], [0.5, 4]] quantized by Keras: values [[127, -64], [63, 127]], scale [127 / (1 + 1e-7), 31.75].
    const weights = await createH5Bytes((file) => {
      const vars = file.create_group('layers').create_group('dense').create_group('vars');
      vars.create_dataset({ name: '0', data: Int8Array.from([127, -64, 63, 127]), shape: [2, 2], dtype: '<b' });
      vars.create_dataset({ name: '1', data: Float32Array.from([0.25, 0]), shape: [2], dtype: '<f' });
      vars.create_dataset({ name: '2', data: Float32Array.from([127 / (1 + 1e-7), 31.75]), shape: [2], dtype: '<f' });
      file.create_group('vars');
    });
    const config = {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        trainable: true,
        dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 2], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer' }, registered_name: null },
          kerasDense('dense', 2, 'linear', 2),
        ],
        build_input_shape: [null, 2],
      },
      registered_name: null,
      build_config: { input_shape: [null, 2] },
    };
    const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const path = join(dir, 'keras-int8.keras');
    writeFileSync(path, zipSync({ 'metadata.json': encode({ keras_version: '3.10.0', date_saved: '2026-01-17@12:31:14' }), 'config.json': encode(config), 'model.weights.h5': weights }));
    expect((await readKerasArchive(new Uint8Array((await import('node:fs')).readFileSync(path)))).layers[0]!.weights.map((w) => w.shape)).toEqual([[2, 2], [2], [2]]);
    const model = await loadModel(path);
    const y = await model.predict(tf.tensor2d([[2, -1]]));
    // Same arithmetic as the Dense int8 unit test: [12097 / (63.5 * 126.99999) + 0.25, -16256 / (63.5 * 31.75)].
    const v = await y.data();
    expect(v[0]).toBeCloseTo(12097 / ((63.5 * 127) / (1 + 1e-7)) + 0.25, 5);
    expect(v[1]).toBeCloseTo(-16256 / (63.5 * 31.75), 5);
    tf.dispose(y);
    model.dispose();
  });
});
