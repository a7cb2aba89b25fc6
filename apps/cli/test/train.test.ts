import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mnist } from '@neuralkit/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGrayPng } from '../src/image/encode-png.js';
import { BIN, neuralkit } from './cli.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

// One training run shared by the tests below (the lecture's model, one epoch, seeded).
const dir = tempDir('neuralkit-train-');
const model = join(dir, 'mnist.h5');
const report = join(dir, 'report.html');
let train: ReturnType<typeof neuralkit>;

beforeAll(() => {
  train = neuralkit(['train', '--epochs', '1', '--seed', '7', '--json', '--out', model, '--report', report], { timeout: 240_000 });
}, 250_000);

afterAll(removeTempDirs);

describe('neuralkit train → evaluate → predict → convert', () => {
  it('train --json reaches ≥ 0.90 test accuracy after one epoch and saves the model', () => {
    expect(train.status, train.stderr).toBe(0);
    expect(train.json[0]).toMatchObject({ epoch: 1 });
    const result = train.json.at(-1)!;
    expect(result.test_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result).toMatchObject({ backend: 'wasm', saved: model });
    expect(typeof result.seconds).toBe('number');
    expect(existsSync(model)).toBe(true);
    expect(train.stderr).toMatch(/^Epoch 1\/1\n1875\/1875 - \d+m?s - .*accuracy: 0\.\d{4} - loss: 0\.\d{4}$/m);
  });

  it('evaluate scores the saved model identically', () => {
    const run = neuralkit(['evaluate', model, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = train.json.at(-1)!;
    expect(run.json.at(-1)).toMatchObject({ loss: result.test_loss, accuracy: result.test_accuracy });
    expect(neuralkit(['evaluate', model]).stdout).toMatch(/Model Loss: \d+\.\d%\nModel Accuracy: 9\d\.\d%/);
  });

  it('predict recognises MNIST test digits written as scaled-up PNGs of both polarities', async () => {
    const { test } = await mnist.loadArrays();
    const files: string[] = [];
    for (let i = 0; i < 8; i++) {
      const size = 28 * 3;
      const big = new Uint8Array(size * size);
      for (let p = 0; p < big.length; p++) {
        const v = test.x[i * 784 + Math.floor(Math.floor(p / size) / 3) * 28 + Math.floor((p % size) / 3)]!;
        big[p] = i % 2 === 0 ? v : 255 - v; // odd ones black on white
      }
      const file = join(dir, `digit-${i}.png`);
      writeFileSync(file, encodeGrayPng(big, size, size));
      files.push(file);
    }
    const run = neuralkit(['predict', model, ...files, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const labels = run.json.map((r) => r.label);
    const truth = Array.from(test.y.subarray(0, 8));
    expect(labels.filter((l, i) => l === truth[i]).length).toBeGreaterThanOrEqual(7);
    expect(run.json[0]!.probabilities).toHaveLength(10);
  });

  it('convert writes a tfjs-layers model that loads and scores the same', () => {
    const out = join(dir, 'web', 'model.json');
    const run = neuralkit(['convert', model, '--to', 'tfjs', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).modelTopology).toBeDefined();
    const again = neuralkit(['evaluate', out, '--json']);
    expect(again.json.at(-1)!.accuracy).toBe(train.json.at(-1)!.test_accuracy);
  });

  it('--report writes one self-contained page with the curves, confusion matrix and mistakes', () => {
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<canvas id="loss-chart">');
    expect(html).toMatch(/Chart\.js v4/);
    expect(html).toContain('class="cm"');
    expect(html).toContain('data:image/png;base64,');
  });

  it('shows the Keras progress bar under a pseudo-terminal', () => {
    const out = execFileSync('script', ['-qec', `${process.execPath} ${BIN} train --epochs 1 --hidden 0`, '/dev/null'], {
      encoding: 'utf8', timeout: 240_000, env: { ...process.env, COLUMNS: '120' },
    });
    expect(out).toContain('Epoch 1/1');
    const plain = out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(plain).toMatch(/1875\/1875 ━{20} .* - accuracy: 0\.\d{4} - loss: 0\.\d{4}/);
    expect(out).toContain('Model Accuracy:');
  }, 250_000);
});
