import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { smallMnistDir } from './small-mnist.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

let data: string;
const out = tempDir('neuralkit-callbacks-');
const base = () => ['train', '--data-dir', data, '--backend', 'wasm', '--seed', '3', '--json'];

beforeAll(async () => {
  data = await smallMnistDir();
});

afterAll(removeTempDirs);

describe('neuralkit train callbacks (the model\'s EarlyStopping and ModelCheckpoint)', () => {
  it("--early-stopping stops when val_loss stops improving (Keras's EarlyStopping)", () => {
    // A learning rate far too large: the validation loss cannot keep improving for 20 epochs.
    const run = neuralkit([...base(), '--epochs', '20', '--optimizer', 'sgd', '--learning-rate', '50',
      '--validation-split', '0.2', '--early-stopping', '1']);
    expect(run.status, run.stderr).toBe(0);
    const epochs = run.json.filter((r) => r.epoch !== undefined);
    expect(epochs[0]).toHaveProperty('val_loss');
    expect(epochs.length).toBeLessThan(20);
    expect(run.json.at(-1)!.epochs).toBe(epochs.length);
  });

  it('--checkpoint saves after every epoch a model that loads again', () => {
    const checkpoint = join(out, 'ckpt', 'model.json');
    const run = neuralkit([...base(), '--epochs', '2', '--hidden', '16', '--dropout', '0.2', '--checkpoint', checkpoint]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.at(-1)).toMatchObject({ saved: checkpoint });
    expect(existsSync(checkpoint)).toBe(true);
    // Dense(16): 784·16 + 16 = 12,560; Dense(10): 16·10 + 10 = 170 → 12,730 trainable.
    expect(neuralkit(['summary', checkpoint]).stdout).toMatch(/Trainable params: 12,730 /);
  });
});
