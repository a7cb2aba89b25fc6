import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { fuzzRuns, fuzzTimeout, mutatedBytes, mutatedJson, runFuzz } from '@neuralkit/testing/fuzz';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { saveToBytes } from './keras-h5-format.js';
import { readKerasArchive } from './read-keras-archive.js';
import { readKerasH5 } from './read-h5.js';
import { modelFromKerasFile } from './to-model.js';
import { writeKerasH5 } from './write-h5.js';
import type { KerasModelFile } from './keras-file.js';

const SOURCE = 'fuzz-input.h5';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

/** Reads and builds, then frees the model: the whole path a user's upload takes. */
async function load(read: Promise<KerasModelFile>): Promise<void> {
  const model = modelFromKerasFile(await read, { source: SOURCE });
  model.dispose();
}

/** A small model of our own, saved with its optimizer (the fixtures are 400 KB; this is 20 KB). */
async function ownSave(): Promise<Uint8Array> {
  const model = sequential([layers.flatten({ inputShape: [4, 4] }), layers.dense({ units: 8, activation: 'relu' }), layers.dense({ units: 3, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const bytes = await saveToBytes(model);
  model.dispose();
  return bytes;
}

describe('Keras readers under fuzzing: every input loads or gives a NeuralkitError naming the file', () => {
  it('.h5 bytes (real Keras fixtures and our own save), mutated', async () => {
    const seeds = [fixtureBytes(FILES.tfkeras224), fixtureBytes(FILES.keras333), await ownSave()];
    const before = tf.memory().numTensors;
    const counts = await runFuzz(
      { parser: '.h5', inputs: mutatedBytes(seeds), parse: (bytes) => load(readKerasH5(bytes, SOURCE)), source: SOURCE },
      { runs: fuzzRuns(60) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, fuzzTimeout(60_000));

  it('.h5 model_config and training_config with JSON values replaced', async () => {
    const file = await readKerasH5(fixtureBytes(FILES.tfkeras215), SOURCE);
    const config = mutatedJson({ model: file.modelConfig, training: file.trainingConfig ?? {} });
    const counts = await runFuzz(
      {
        parser: '.h5 (config JSON)',
        inputs: config,
        parse: async (text) => {
          // Written into a real .h5 (the JSON as its attributes) and read back, as a hostile file would be.
          const doc = (JSON.parse(text) ?? {}) as { model?: unknown; training?: unknown };
          const bytes = await writeKerasH5({ ...file, modelConfig: (doc.model ?? null) as never, trainingConfig: doc.training as never });
          await load(readKerasH5(bytes, SOURCE));
        },
        source: SOURCE,
      },
      { runs: fuzzRuns(150) },
    );
    expect(counts.defects).toBe(0);
  }, fuzzTimeout(60_000));

  it('.keras archives: bytes mutated, and config.json values replaced', async () => {
    const archive = fixtureBytes(FILES.keras310);
    const members = unzipSync(archive);
    const byteCounts = await runFuzz(
      { parser: '.keras', inputs: mutatedBytes([archive]), parse: (bytes) => load(readKerasArchive(bytes, SOURCE)), source: SOURCE },
      { runs: fuzzRuns(40) },
    );
    expect(byteCounts.defects).toBe(0);
    const configJson = JSON.parse(new TextDecoder().decode(members['config.json'])) as unknown;
    const jsonCounts = await runFuzz(
      {
        parser: '.keras (config.json)',
        inputs: mutatedJson(configJson),
        parse: (text) => load(readKerasArchive(zipSync({ ...members, 'config.json': strToU8(text) }, { level: 0 }), SOURCE)),
        source: SOURCE,
      },
      { runs: fuzzRuns(40) },
    );
    expect(jsonCounts.defects).toBe(0);
  }, fuzzTimeout(60_000));
});
