import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { KERAS_FIXTURES } from './fixtures.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

afterAll(removeTempDirs);

describe('clear errors and exit codes', () => {
  it('--backend cuda without CUDA: exit 2, naming tfjs-node-gpu, CUDA 11.2 / cuDNN 8.1 and the install steps', () => {
    const run = neuralkit(['train', '--backend', 'cuda', '--epochs', '1', '--json']);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('@tensorflow/tfjs-node-gpu');
    expect(lines[1]).toMatch(/CUDA 11\.2 and cuDNN 8\.1.*pnpm approve-builds/);
    expect(run.json.at(-1)).toMatchObject({ exit_code: 2 });
  });

  it('a missing image: exit 2 and what to pass', () => {
    const run = neuralkit(['predict', 'model.h5', 'no-such-digit.png']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Image not found: no-such-digit.png.');
  });

  it('a missing model file: exit 2', () => {
    const run = neuralkit(['summary', 'no-such-model.h5']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Model file not found: no-such-model.h5.');
  });

  it('an image that is not an image: exit 1 naming the file, no stack unless --debug', () => {
    const dir = tempDir('neuralkit-cli-');
    const file = join(dir, 'digit.png');
    writeFileSync(file, 'hello');
    const run = neuralkit(['predict', 'model.h5', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: expected a PNG or JPEG image`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(neuralkit(['predict', 'model.h5', file, '--debug']).stderr).toMatch(/\n\s+at /);
  });

  it('with --json, a bad option or command still ends stdout with the error line', () => {
    const run = neuralkit(['train', '--epochs', '0', '--json']);
    expect(run.status).toBe(2);
    expect(run.json).toEqual([
      { error: "option '--epochs <n>' argument '0' is invalid. --epochs expected a positive integer, received 0.", exit_code: 2 },
    ]);
    expect(neuralkit(['--json', 'trian']).json).toEqual([{ error: expect.stringMatching(/^unknown command 'trian'/), exit_code: 2 }]);
    expect(neuralkit(['--json']).json).toEqual([{ error: 'expected a command, received none.', exit_code: 2 }]);
    expect(neuralkit(['--json', '--help']).json).toEqual([]);
  });

  it('a wrong --out extension: exit 2', () => {
    expect(neuralkit(['train', '--out', 'model.txt']).status).toBe(2);
  });

  it('a .keras target, which only loads: exit 2 before any work, for train and convert', () => {
    // The folder does not exist: a target accepted at first would fail later reading it (exit 1).
    for (const flag of ['--out', '--checkpoint']) {
      const run = neuralkit(['train', flag, 'model.keras', '--data-dir', '/no/such/folder', '--epochs', '1']);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${flag} expected a .h5 or .json path, received "model.keras".`);
    }
    const model = join(KERAS_FIXTURES, 'mnist_flatten_dense10_tfkeras2.2.4-tf.h5');
    const run = neuralkit(['convert', model, '--to', 'h5', '--out', 'model.keras']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out for --to h5 expected a path like model.h5, received "model.keras".');
  });
});
