import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { NeuralkitError, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { loadModel, saveModel } from './model-format.js';
import { confinedFetch, unsafeWeightPath } from './weight-manifest-checks.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-hostile-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Json = Record<string, any>;

/** Saves a small model, lets `edit` change its model.json, and returns the load's error. */
async function loadEdited(edit: (json: Json) => void): Promise<Error> {
  const model = new Sequential({ layers: [layers.flatten({ inputShape: [2, 2] }), layers.dense({ units: 3 })] });
  const path = join(dir, 'm', 'model.json');
  await saveModel(model, path);
  model.dispose();
  const json = JSON.parse(await readFile(path, 'utf8')) as Json;
  edit(json);
  await writeFile(path, JSON.stringify(json).replace('"__PROTO__"', '"__proto__"'));
  const before = tf.memory().numTensors;
  const error = (await loadModel(path).then(() => new Error('loaded'), (e: unknown) => e)) as Error;
  expect(tf.memory().numTensors).toBe(before);
  return error;
}

const dense = (json: Json): Json => json.modelTopology.config.layers[1].config;

describe('a hostile model.json is refused before any tensor is made', () => {
  it('weight paths that leave the model folder', async () => {
    await writeFile(join(dir, 'secret.bin'), new Uint8Array(64));
    for (const path of ['../secret.bin', '%2e%2e/secret.bin', '/etc/passwd', 'file:///etc/passwd', 'http://evil/x', 'a\\..\\x']) {
      const error = await loadEdited((json) => (json.weightsManifest[0].paths = [path]));
      expect(error).toBeInstanceOf(NeuralkitError);
      expect(error.message).toMatch(new RegExp(`model\\.json: weight path ${JSON.stringify(path).replace(/[\\.*+?^${}()|[\]]/g, '\\$&')} .*: refused\\.$`));
    }
    expect(unsafeWeightPath('./model.weights.bin')).toBeUndefined();
    expect(unsafeWeightPath('group1-shard1of2.bin')).toBeUndefined();
  });

  it('weight specs that do not match the bytes present', async () => {
    const error = await loadEdited((json) => (json.weightsManifest[0].weights[0].shape = [4000, 3000]));
    expect(error.message).toMatch(/model\.json: the weight specs need 48000012 bytes of weight data, received 60 \(truncated or missing weight file\)\./);
    const negative = await loadEdited((json) => (json.weightsManifest[0].weights[0].shape = [-4, 3]));
    expect(negative.message).toMatch(/expected a shape of integers ≥ 0, received \[-4,3\]/);
  });

  it('weight names that are prototype keys or repeated (each would orphan a decoded tensor)', async () => {
    const proto = await loadEdited((json) => {
      json.weightsManifest[0].weights.push({ name: '__PROTO__', shape: [], dtype: 'int32' });
      json.weightsManifest[0].weights[0].shape = [1, 3];
    });
    expect(proto.message).toMatch(/model\.json: weight name "__proto__" is never a weight's name: refused\./);
    const twice = await loadEdited((json) => {
      const [kernel, bias] = json.weightsManifest[0].weights;
      kernel.shape = [3];
      kernel.name = bias.name;
    });
    expect(twice.message).toMatch(/model\.json: weight "dense(_\d+)?\/bias" is listed twice in the weight specs\./);
  });

  it('absurd sizes in the config: huge, negative, NaN, strings', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [1e9, /`units` of Dense layer "dense_\w*": expected an integer from 1 to 16777216, received 1000000000/],
      [-3, /received -3\./],
      [null, /received null\./],
      ['10', /received "10"\./],
      [2.5, /received 2.5\./],
    ];
    for (const [units, message] of cases) {
      const error = await loadEdited((json) => (dense(json).units = units));
      expect(error).toBeInstanceOf(NeuralkitError);
      expect(error.message).toMatch(message);
    }
  });

  it('a weight too large to allocate even when each size is in range', () => {
    const before = tf.memory().numTensors;
    expect(() => new Sequential({ layers: [layers.dense({ units: 2 ** 24, inputShape: [784] })] })).toThrowError(
      /Invalid size of weight "kernel" of layer "dense\w*": shape \[784, 16777216\] needs 13153337344 elements, expected at most 268435456\./,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('unknown class names are named with the known ones', async () => {
    const error = await loadEdited((json) => (json.modelTopology.config.layers[1].class_name = 'Lambda'));
    expect(error.message).toMatch(/Unknown layer class: "Lambda"\. Known layer class names: .*Dense.*Flatten/);
  });

  it('__proto__, constructor and prototype keys never reach a prototype', async () => {
    for (const key of ['__PROTO__', 'constructor', 'prototype']) {
      const error = await loadEdited((json) => (dense(json)[key] = { polluted: true }));
      expect(error).toBeInstanceOf(NeuralkitError);
      expect(error.message).toMatch(/holds the key "(__proto__|constructor|prototype)", which is never a Keras config key: refused\./);
    }
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('confinedFetch', () => {
  it('follows URLs in the model folder only', async () => {
    const fetched: string[] = [];
    const fake = (async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return new Response('ok');
    }) as typeof fetch;
    const confined = confinedFetch('https://a.example/models/m/model.json', fake);
    await confined('https://a.example/models/m/model.json');
    await confined('https://a.example/models/m/model.weights.bin');
    await expect(confined('https://a.example/models/m/../other/w.bin')).rejects.toThrowError(/outside the model's folder/);
    await expect(confined('https://evil.example/models/m/w.bin')).rejects.toThrowError(/outside the model's folder/);
    await expect(confined('https://a.example/models/m%2f..%2f..%2fx')).rejects.toThrowError(/outside/);
    expect(fetched).toHaveLength(2);
  });
});
