import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mnist } from '@neuralkit/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGrayPng } from '../src/image/encode-png.js';
import { neuralkit } from './cli.js';
import { smallMnistDir } from './small-mnist.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

// `--model convnet` end to end on a few samples (tfjs's own cpu convolution kernels are slow);
// learning itself is checked by packages/model's slow test.
const dir = tempDir('neuralkit-convnet-');
const model = join(dir, 'convnet.h5');
let data: string;
let train: ReturnType<typeof neuralkit>;

beforeAll(async () => {
  data = await smallMnistDir(8, 8);
  train = neuralkit(['train', '--model', 'convnet', '--data-dir', data, '--epochs', '1', '--batch-size', '8', '--backend', 'cpu', '--seed', '3', '--json', '--out', model], { timeout: 240_000 });
}, 250_000);
afterAll(removeTempDirs);

describe('neuralkit --model convnet', () => {
  it('train builds the convnet, feeds it [28, 28, 1] images and saves it', () => {
    expect(train.status, train.stderr).toBe(0);
    expect(train.json.at(-1)).toMatchObject({ backend: 'cpu', saved: model, epochs: 1 });
    expect(typeof train.json.at(-1)!.test_accuracy).toBe('number');
  });

  it("summary prints Keras's convnet table (34,826 trainable parameters)", () => {
    const run = neuralkit(['summary', model]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/│ conv2d \(Conv2D\)\s+│ \(None, 26, 26, 32\)\s+│\s+320 │/);
    expect(run.stdout).toMatch(/│ max_pooling2d_1 \(MaxPooling2D\)\s+│ \(None, 5, 5, 64\)/);
    expect(run.stdout).toContain(' Trainable params: 34,826 (136.04 KB)');
  });

  it('evaluate gives the same test scores as train did', () => {
    const run = neuralkit(['evaluate', model, '--data-dir', data, '--backend', 'cpu', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = train.json.at(-1)!;
    expect(run.json.at(-1)!.loss).toBeCloseTo(result.test_loss, 5);
    expect(run.json.at(-1)!.accuracy).toBe(result.test_accuracy);
  });

  it('predict classifies PNG digits with the convnet', async () => {
    const { test } = await mnist.loadArrays();
    const file = join(dir, 'digit.png');
    writeFileSync(file, encodeGrayPng(test.x.subarray(0, 784), 28, 28));
    const run = neuralkit(['predict', model, file, '--backend', 'cpu', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const row = run.json.at(-1)!;
    expect(row.probabilities).toHaveLength(10);
    expect(row.label).toBe(row.probabilities.indexOf(Math.max(...row.probabilities)));
  });

  it('convert --to onnx --quantize int8 ships the convnet: about a quarter of its float32 bytes', () => {
    const int8 = join(dir, 'convnet.onnx');
    const run = neuralkit(['convert', model, '--to', 'onnx', '--quantize', 'int8', '--out', int8, '--json']);
    expect(run.status, run.stderr).toBe(0);
    // 34,826 parameters: 34,720 int8 kernel values, 106 float32 biases and as many scales.
    expect(run.json.at(-1)!.bytes).toBeGreaterThan(34_720 + 2 * 106 * 4);
    expect(run.json.at(-1)!.bytes).toBeLessThan(38_000); // 37,381 B with the graph's names and shapes
    const keep = neuralkit(['convert', model, '--to', 'onnx', '--quantize', 'int8', '--keep-float32', '--out', int8]);
    expect(keep.status).toBe(2);
    expect(keep.stderr).toContain('--keep-float32 needs --validate and --quantize.');
  });

  it('--model lists the presets; --hidden does not apply to the convnet', () => {
    const bad = neuralkit(['train', '--model', 'resnet']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("argument 'resnet' is invalid. Allowed choices are lecture, convnet.");
    expect(neuralkit(['train', '--help']).stdout).toMatch(/--model <preset>[\s\S]*choices: "lecture", "convnet"/);
    const hidden = neuralkit(['train', '--model', 'convnet', '--hidden', '16', '--backend', 'cpu', '--data-dir', data]);
    expect(hidden.status).toBe(2);
    expect(hidden.stderr).toContain('--hidden applies to --model lecture');
  });
});
