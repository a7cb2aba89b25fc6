import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { fuzzRuns, fuzzTimeout, mutatedBytes, mutatedJson, runFuzz } from '@neuralkit/testing/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { loadModel, saveModel } from './model-format.js';

let dir: string;
let json: unknown;
let weights: Uint8Array;

beforeAll(async () => {
  await useBackend(cpuBackend());
  dir = await mkdtemp(join(tmpdir(), 'nk-fuzz-json-'));
  // Our own save with its optimizer state: model.json plus its weights file.
  const model = new Sequential({ layers: [layers.flatten({ inputShape: [3, 3] }), layers.dense({ units: 4, activation: 'relu' }), layers.dropout({ rate: 0.2 }), layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  await saveModel(model, join(dir, 'seed', 'model.json'));
  model.dispose();
  json = JSON.parse(await readFile(join(dir, 'seed', 'model.json'), 'utf8'));
  const manifest = (json as { weightsManifest: Array<{ paths: string[] }> }).weightsManifest;
  weights = new Uint8Array(await readFile(join(dir, 'seed', manifest[0]!.paths[0]!)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
/** Writes a model.json and weights pair in a fresh folder and loads it. */
async function loadPair(jsonText: string, bin: Uint8Array): Promise<void> {
  counter += 1;
  const folder = join(dir, `case-${counter}`);
  const manifest = (json as { weightsManifest: Array<{ paths: string[] }> }).weightsManifest;
  await mkdir(folder);
  await writeFile(join(folder, manifest[0]!.paths[0]!), bin);
  await writeFile(join(folder, 'model.json'), jsonText);
  try {
    (await loadModel(join(folder, 'model.json'))).dispose();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('model.json + weights under fuzzing: every pair loads or gives a NeuralkitError naming the file', () => {
  it('model.json with JSON values replaced', async () => {
    const before = tf.memory().numTensors;
    const counts = await runFuzz(
      { parser: 'model.json (JSON values)', inputs: mutatedJson(json), parse: (text) => loadPair(text, weights), source: 'model.json' },
      { runs: fuzzRuns(150) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, fuzzTimeout(60_000));

  it('model.json bytes and weight bytes mutated', async () => {
    const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
    const counts = await runFuzz(
      {
        parser: 'model.json + weights (bytes)',
        inputs: mutatedBytes([jsonBytes, weights]),
        // Each case damages one of the pair: the JSON (seed 0) or the weights (seed 1) by its length.
        parse: (bytes) =>
          bytes.length > weights.length / 2 && Math.abs(bytes.length - weights.length) < Math.abs(bytes.length - jsonBytes.length)
            ? loadPair(JSON.stringify(json), bytes)
            : loadPair(new TextDecoder().decode(bytes), weights),
        source: 'model.json',
      },
      { runs: fuzzRuns(150) },
    );
    expect(counts.defects).toBe(0);
  }, fuzzTimeout(60_000));
});
