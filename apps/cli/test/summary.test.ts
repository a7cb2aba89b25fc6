import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { KERAS_FIXTURES } from './fixtures.js';

// Keras 3's `model.summary()` of a loaded, compiled model counts the Adam state too:
// Total = trainable + optimizer params = 3 × trainable + 2 (m and v per weight, plus the
// `iteration` and `learning_rate` variables of `optimizer.variables`).
const CASES = [
  // Dense(10): 784·10 + 10 = 7,850 → 3·7,850 + 2 = 23,552.
  { file: 'mnist_flatten_dense10_tfkeras2.2.4-tf.h5', total: '23,552', trainable: '7,850', layers: 2 },
  // Dense(128) + Dense(10): 100,480 + 1,290 = 101,770 → 305,312.
  { file: 'mnist_flatten_dense128_dense10_keras3.3.3.h5', total: '305,312', trainable: '101,770', layers: 3 },
  { file: 'mnist_flatten_dense128_dropout_dense10_tfkeras2.15.0.h5', total: '305,312', trainable: '101,770', layers: 4 },
  // Dense(128) + Dense(32) + Dense(10): 100,480 + 4,128 + 330 = 104,938 → 314,816.
  { file: 'mnist_flatten_dense128_dropout_dense32_dropout_dense10_keras3.10.0.keras', total: '314,816', trainable: '104,938', layers: 6 },
];

describe('neuralkit summary of models written by Keras', () => {
  for (const c of CASES) {
    it(`${c.file}: Keras's table with its parameter counts`, () => {
      const run = neuralkit(['summary', join(KERAS_FIXTURES, c.file)]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Model: "sequential"/);
      expect(run.stdout).toMatch(new RegExp(`^ Total params: ${c.total} \\(`, 'm'));
      expect(run.stdout).toMatch(new RegExp(`^ Trainable params: ${c.trainable} \\(`, 'm'));
      expect(run.stdout.match(/^│ \w+ \((Flatten|Dense|Dropout)\)/gm)).toHaveLength(c.layers);
    }, 60_000);
  }

  it('--json gives the same table as one object', () => {
    const run = neuralkit(['summary', join(KERAS_FIXTURES, CASES[0]!.file), '--json']);
    expect(run.json).toHaveLength(1);
    expect(run.json[0]!.summary).toContain('Total params: 23,552 (92.00 KB)');
  }, 60_000);
});
