import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { pythonFloat } from './python-format.js';
import { CSVLogger } from './csv-logger.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function classifier(): { model: Sequential; x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(6);
  const model = new Sequential({ layers: [layers.dense({ units: 2, activation: 'softmax', inputShape: [2] })] });
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = tf.tensor2d([[1, 0], [0, 1], [1, 1], [0, 0]]);
  return { model, x, y: tf.tensor1d([0, 1, 0, 1], 'int32') };
}

describe('CSVLogger', () => {
  it("writes Keras's file: epoch from 0, sorted keys, Python floats, \\r\\n rows", async () => {
    const { model, x, y } = classifier();
    const file = join(dir, 'log.csv');
    const history = await model.fit(x, y, {
      epochs: 2, verbose: 0, validationData: [x, y], callbacks: [new CSVLogger(file)],
    });
    const h = history.history;
    const row = (e: number): string =>
      [e, h.accuracy?.[e], h.loss?.[e], h.val_accuracy?.[e], h.val_loss?.[e]].map((v, i) => (i === 0 ? String(v) : pythonFloat(v as number))).join(',');
    expect(await readFile(file, 'utf8')).toBe(`epoch,accuracy,loss,val_accuracy,val_loss\r\n${row(0)}\r\n${row(1)}\r\n`);
  });

  it('appends without a second header, and overwrites by default', async () => {
    const { model, x, y } = classifier();
    const file = join(dir, 'log.tsv');
    await writeFile(file, 'old contents\r\n');
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new CSVLogger(file, { separator: '\t' })] });
    const first = await readFile(file, 'utf8');
    expect(first.split('\r\n')[0]).toBe('epoch\taccuracy\tloss');
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new CSVLogger(file, { separator: '\t', append: true })] });
    const lines = (await readFile(file, 'utf8')).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.startsWith('0\t')).toBe(true);
    expect(new CSVLogger(file).getConfig()).toEqual({ filename: file, separator: ',', append: false });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new CSVLogger(file)] });
    expect(tf.memory().numTensors).toBe(before);
  });
});
