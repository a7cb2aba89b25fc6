/**
 * Functional models through the tfjs-layers model.json format: ours → loadModel → same predictions,
 * ours → @tensorflow/tfjs-layers 4.22 `loadLayersModel` → same predictions, and a tfjs-layers
 * Functional model → ours.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../src/layers/index.js';
import { input } from '../src/graph/input.js';
import { model } from '../src/graph/model-factory.js';
import type { Functional } from '../src/graph/functional.js';
import { loadModel, saveModel } from '../src/io/model-format.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
  dir = await mkdtemp(join(tmpdir(), 'nk-functional-'));
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

/** A residual block: two branches of Dense joined by Add, then Concatenate with the input. */
function residual(prefix: string): Functional {
  const x = input({ shape: [6], name: `${prefix}_in` });
  const a = layers.dense({ units: 6, activation: 'relu', name: `${prefix}_a` }).apply(x);
  const sum = layers.add({ name: `${prefix}_sum` }).apply([x, a]);
  const joined = layers.concatenate({ name: `${prefix}_cat` }).apply([sum, x]);
  const out = layers.dense({ units: 3, activation: 'softmax', name: `${prefix}_out` }).apply(joined);
  return model({ inputs: x, outputs: out, name: `${prefix}_model` });
}

const sample = () => tf.randomUniform([5, 6], -1, 1, 'float32', 21);
const labels = () => tf.tensor1d([0, 1, 2, 1, 0], 'float32');

describe('Functional model files', () => {
  it('saves to model.json and loads back, compiled, predicting the same', async () => {
    const m = residual('rt');
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await m.fit(sample(), labels(), { epochs: 2, batchSize: 2, verbose: 0 });
    const path = join(dir, 'rt.json');
    await saveModel(m as never, path);
    const json = JSON.parse(await readFile(path, 'utf8')) as { modelTopology: { class_name: string; config: { layers: Array<{ name: string; inbound_nodes: unknown }> } } };
    expect(json.modelTopology.class_name).toBe('Functional');
    expect(json.modelTopology.config.layers.find((l) => l.name === 'rt_sum')!.inbound_nodes).toEqual([[['rt_in', 0, 0, {}], ['rt_a', 0, 0, {}]]]);
    const x = sample();
    const want = (await m.predict(x)) as tf.Tensor;
    m.dispose();
    const again = (await loadModel(path)) as unknown as Functional;
    expect(again.className).toBe('Functional');
    expect(again.layers.map((l) => l.className)).toEqual(['InputLayer', 'Dense', 'Add', 'Concatenate', 'Dense']);
    expect(again.optimizer?.getConfig().name).toBeDefined();
    const got = (await again.predict(x)) as tf.Tensor;
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    tf.dispose([x, want, got]);
    again.dispose();
  });

  it('loads in @tensorflow/tfjs-layers 4.22 and predicts the same', async () => {
    const m = residual('tl');
    const path = join(dir, 'tl.json');
    await saveModel(m as never, path);
    const x = sample();
    const want = (await m.predict(x)) as tf.Tensor;
    m.dispose(); // tfjs variable names are engine-wide
    const theirs = await tfl.loadLayersModel(fileHandler(path));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense', 'Add', 'Concatenate', 'Dense']);
    const got = theirs.predict(x) as tf.Tensor;
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()).map((v) => expect.closeTo(v, 6)));
    tf.dispose([x, want, got]);
    theirs.dispose();
  });

  it('a tfjs-layers Functional model with two outputs loads in neuralkit and predicts the same', async () => {
    const a = tfl.input({ shape: [4], name: 'ta' });
    const b = tfl.input({ shape: [4], name: 'tb' });
    const m = tfl.layers.multiply({ name: 'tmul' }).apply([a, b]) as tfl.SymbolicTensor;
    const o1 = tfl.layers.dense({ units: 2, name: 'to1' }).apply(m) as tfl.SymbolicTensor;
    const o2 = tfl.layers.dense({ units: 1, activation: 'sigmoid', name: 'to2' }).apply(tfl.layers.concatenate({ name: 'tcat' }).apply([m, a]) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
    const theirs = tfl.model({ inputs: [a, b], outputs: [o1, o2] });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await theirs.save(tf.io.withSaveHandler(async (art) => {
      artifacts = art;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const xa = tf.randomNormal([3, 4], 0, 1, 'float32', 31);
    const xb = tf.randomNormal([3, 4], 0, 1, 'float32', 32);
    const want = theirs.predict([xa, xb]) as tf.Tensor[];
    const ours = (await loadModel(tf.io.fromMemory(artifacts!))) as unknown as Functional;
    expect(ours.outputNames).toEqual(['to1', 'to2']);
    const got = (await ours.predict([xa, xb])) as tf.Tensor[];
    for (let i = 0; i < 2; i++) expect(Array.from(await got[i]!.data())).toEqual(Array.from(await want[i]!.data()).map((v) => expect.closeTo(v, 6)));
    tf.dispose([xa, xb, ...want, ...got]);
    theirs.dispose();
  });
});
