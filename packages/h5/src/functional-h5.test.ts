import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { input, layers, loadModel, model, type Functional } from '@neuralkit/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { readKerasModelFile } from './read-model-file.js';
import { modelFromKerasFile } from './to-model.js';

const dir = mkdtempSync(join(tmpdir(), 'neuralkit-h5-functional-'));
beforeAll(() => useBackend(cpuBackend()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Functional models in .h5', () => {
  it('save in Keras 2 node form and load back (two inputs, two outputs, compiled), predicting the same', async () => {
    const a = input({ shape: [4], name: 'h5_a' });
    const b = input({ shape: [4], name: 'h5_b' });
    const avg = layers.average({ name: 'h5_avg' }).apply([a, b]);
    const hidden = layers.dense({ units: 5, activation: 'relu', name: 'h5_hidden' }).apply(avg);
    const o1 = layers.dense({ units: 3, activation: 'softmax', name: 'h5_o1' }).apply(hidden);
    const o2 = layers.dense({ units: 1, name: 'h5_o2' }).apply(layers.concatenate({ name: 'h5_cat' }).apply([hidden, b]));
    const m = model({ inputs: [a, b], outputs: [o1, o2], name: 'h5_model' });
    m.compile({ optimizer: 'adam', loss: ['sparse_categorical_crossentropy', 'mse'], metrics: [['accuracy'], ['mae']], lossWeights: [1, 0.25] });
    const xa = tf.randomNormal([8, 4], 0, 1, 'float32', 41);
    const xb = tf.randomNormal([8, 4], 0, 1, 'float32', 42);
    await m.fit([xa, xb], [tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1]), tf.ones([8, 1])], { epochs: 2, batchSize: 4, verbose: 0 });
    const path = join(dir, 'functional.h5');
    await m.save(path);

    const file = await readKerasModelFile(path);
    expect(file.modelConfig.class_name).toBe('Functional');
    const config = file.modelConfig.config as { layers: Array<{ name: string; inbound_nodes: unknown }>; output_layers: unknown };
    expect(config.layers.find((l) => l.name === 'h5_cat')!.inbound_nodes).toEqual([[['h5_hidden', 0, 0, {}], ['h5_b', 0, 0, {}]]]);
    expect(config.output_layers).toEqual([['h5_o1', 0, 0], ['h5_o2', 0, 0]]);
    expect(file.trainingConfig).toMatchObject({ loss: { h5_o1: 'sparse_categorical_crossentropy', h5_o2: 'mse' }, loss_weights: { h5_o1: 1, h5_o2: 0.25 } });

    const want = (await m.predict([xa, xb])) as tf.Tensor[];
    m.dispose();
    const again = (await loadModel(path)) as unknown as Functional;
    expect(again.className).toBe('Functional');
    expect(again.metricNames).toEqual(['loss', 'h5_o1_loss', 'h5_o2_loss', 'h5_o1_accuracy', 'h5_o2_mae']);
    const got = (await again.predict([xa, xb])) as tf.Tensor[];
    for (let i = 0; i < 2; i++) expect(Array.from(await got[i]!.data())).toEqual(Array.from(await want[i]!.data()));
    tf.dispose([xa, xb, ...want, ...got]);
    again.dispose();
  });

  it("reads tf.keras ≤ 2.2.4's class name `Model` for a Functional config", async () => {
    const x = input({ shape: [3], name: 'old_in' });
    const m = model({ inputs: x, outputs: layers.dense({ units: 2, name: 'old_d' }).apply(x), name: 'old_model' });
    const path = join(dir, 'old.h5');
    await m.save(path);
    const file = await readKerasModelFile(path);
    file.modelConfig.class_name = 'Model';
    const again = modelFromKerasFile(file, { source: 'old.h5' }) as unknown as Functional;
    expect(again.className).toBe('Functional');
    expect(again.layers.map((l) => l.name)).toEqual(['old_in', 'old_d']);
    const xs = tf.tensor2d([[1, 2, 3]]);
    const [want, got] = [(await m.predict(xs)) as tf.Tensor, (await again.predict(xs)) as tf.Tensor];
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    tf.dispose([xs, want, got]);
  });
});
