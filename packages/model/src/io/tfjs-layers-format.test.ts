import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { loadModel, loadWeights, saveModel, saveWeights } from './model-format.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-tfjs-format-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lectureModel(): Sequential {
  setRandomSeed(3);
  const model = new Sequential({
    layers: [layers.flatten({ inputShape: [2, 2] }), layers.dense({ units: 3, activation: 'softmax' })],
  });
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

/** One Adam step, so the optimizer has state worth saving. */
function step(model: Sequential): void {
  const x = tf.tensor3d([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]);
  tf.dispose(model.optimizer!.minimize(() => tf.mean(tf.square(model.call(x))) as tf.Scalar, model.trainableWeights));
  x.dispose();
}

describe('tfjs-layers model.json format', () => {
  it('writes model.json and model.weights.bin as tfjs-layers lays them out', async () => {
    const model = lectureModel();
    const path = join(dir, 'model.json');
    const result = await saveModel(model, path);
    expect(result).toMatchObject({ path, format: 'tfjs-layers' });
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.weights.bin']);
    const json = JSON.parse(await readFile(path, 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/^neuralkit /);
    expect(json.convertedBy).toBeNull();
    expect(json.modelTopology).toMatchObject({ class_name: 'Sequential', backend: 'tensor_flow.js' });
    expect(json.modelTopology.keras_version).toEqual(expect.any(String));
    // tfjs-layers style: the input shape sits on the first layer, no InputLayer entry.
    const [first, second] = json.modelTopology.config.layers;
    expect(first).toMatchObject({ class_name: 'Flatten', config: { batch_input_shape: [null, 2, 2] } });
    expect(second.config).toMatchObject({ units: 3, activation: 'softmax' });
    expect(json.trainingConfig).toMatchObject({ loss: 'sparse_categorical_crossentropy' });
    expect(json.trainingConfig.optimizer_config.class_name).toBe('Adam');
    const manifest = json.weightsManifest[0];
    expect(manifest.paths).toEqual(['./model.weights.bin']);
    expect(manifest.weights.map((w: { name: string }) => w.name).slice(0, 2)).toEqual([
      `${model.layers[1]!.name}/kernel`,
      `${model.layers[1]!.name}/bias`,
    ]);
    // kernel 4×3 + bias 3 floats = 15 × 4 bytes, plus the optimizer's iteration count (int32);
    // the optimizer has no slots before its first step.
    expect((await readFile(join(dir, 'model.weights.bin'))).byteLength).toBe(60 + 4);
    // After one Adam step: m and v for both weights (2 × 60 bytes) join it.
    step(model);
    await saveModel(model, path);
    // Saving over a pair writes the other weights name, then replaces model.json: the pair changes as a unit.
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.weights.2.bin']);
    expect(JSON.parse(await readFile(path, 'utf8')).weightsManifest[0].paths).toEqual(['./model.weights.2.bin']);
    expect((await readFile(join(dir, 'model.weights.2.bin'))).byteLength).toBe(60 + 4 + 120);
    await saveModel(model, path);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.weights.bin']);
    model.dispose();
  });

  it('loads back the same weights, compiled, with the optimizer state', async () => {
    const model = lectureModel();
    step(model);
    const path = join(dir, 'm.json');
    await saveModel(model, path);
    const again = await loadModel(path);
    expect(again.getConfig()).toEqual(model.getConfig());
    again.getWeights().forEach((w, i) => expect(w.arraySync()).toEqual(model.getWeights()[i]!.arraySync()));
    expect(again.optimizer?.getConfig()).toEqual(model.optimizer?.getConfig());
    const [a, b] = [model.optimizer!.getWeights(), again.optimizer!.getWeights()];
    expect(b.map((t) => t.arraySync())).toEqual(a.map((t) => t.arraySync()));
    expect(again.optimizer!.iterations).toBe(1);
    tf.dispose([...a, ...b]);
    const uncompiled = await loadModel(path, { compile: false });
    expect(uncompiled.optimizer).toBeUndefined();
    for (const m of [model, again, uncompiled]) m.dispose();
  });

  it('saves and loads weights only', async () => {
    const model = lectureModel();
    const other = lectureModel();
    other.setWeights(other.getWeights().map((w) => tf.zerosLike(w)));
    await saveWeights(model, join(dir, 'w.json'));
    await loadWeights(other, join(dir, 'w.json'));
    other.getWeights().forEach((w, i) => expect(w.arraySync()).toEqual(model.getWeights()[i]!.arraySync()));
    const json = JSON.parse(await readFile(join(dir, 'w.json'), 'utf8'));
    expect(json.format).toBe('layers-weights');
    expect(json.trainingConfig).toBeUndefined();
    model.dispose();
    other.dispose();
  });

  it('a failed save leaves the previous pair intact', async () => {
    const path = join(dir, 'model.json');
    await writeFile(path, 'previous json');
    await writeFile(join(dir, 'model.weights.bin'), 'previous bin');
    const model = lectureModel();
    model.layers[1]!.weights[0]!.variable.dispose(); // the kernel can no longer be read
    await expect(saveModel(model, path)).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('previous json');
    expect(await readFile(join(dir, 'model.weights.bin'), 'utf8')).toBe('previous bin');
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.weights.bin']);
  });

  it('names the file and the problem for a bad model.json', async () => {
    await writeFile(join(dir, 'bad.json'), '{"modelTopology": {"class_name": "Subclassed", "config": {}}, "weightsManifest": []}');
    await expect(loadModel(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: expected a Sequential or Functional model, received class_name "Subclassed"/);
    await writeFile(join(dir, 'bad-graph.json'), '{"modelTopology": {"class_name": "Functional", "config": {"layers": []}}, "weightsManifest": []}');
    await expect(loadModel(join(dir, 'bad-graph.json'))).rejects.toThrow(/bad-graph\.json: .*`input_layers` of the Functional config/);
    await writeFile(join(dir, 'junk.json'), 'not json');
    await expect(loadModel(join(dir, 'junk.json'))).rejects.toThrow(/junk\.json: expected a tfjs-layers model\.json/);
  });

  it('leaves no tensors behind when saving and loading', async () => {
    const model = lectureModel();
    step(model);
    const path = join(dir, 'leak.json');
    await saveModel(model, path);
    const before = tf.memory().numTensors;
    await saveModel(model, path);
    const again = await loadModel(path);
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('tfjs-layers format through tfjs IO handlers', () => {
  it('saves to a tfjs IOHandler and loads from http:// URLs (tf.io.http)', async () => {
    const model = lectureModel();
    let saved: tf.io.ModelArtifacts | undefined;
    const result = await saveModel(
      model,
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(result).toEqual({ format: 'tfjs-layers' });
    expect(saved?.format).toBe('layers-model');

    await saveModel(model, join(dir, 'model.json'));
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      void readFile(join(dir, (req.url ?? '/').slice(1))).then(
        (body) => res.end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const again = await loadModel(`http://127.0.0.1:${port}/model.json`);
      again.getWeights().forEach((w, i) => expect(w.arraySync()).toEqual(model.getWeights()[i]!.arraySync()));
      again.dispose();
    } finally {
      server.close();
    }
    model.dispose();
  });
});
