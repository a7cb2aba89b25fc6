import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { KERAS_FIXTURES } from './fixtures.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

afterAll(removeTempDirs);

// The lecture MLP (Flatten, Dense 128 relu, Dropout 0.2, Dense 10 softmax) as tf.keras 2.15 saved it after training.
const MLP = join(KERAS_FIXTURES, 'mnist_flatten_dense128_dropout_dense10_tfkeras2.15.0.h5');

describe('neuralkit convert (the lecture MLP trained by Keras)', () => {
  const dir = tempDir('nk-convert-');

  it('--to onnx --quantize int8 --validate mnist: ≤ 105 KB, accuracy within 0.1 point, report on stdout', () => {
    const out = join(dir, 'mlp.onnx');
    const run = neuralkit(['convert', MLP, '--to', 'onnx', '--quantize', 'int8', '--validate', 'mnist', '--out', out, '--json'], { timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    const report = run.json.at(-1)!;
    expect(report).toMatchObject({ saved: out, format: 'onnx', quantize: 'int8' });
    expect(report.bytes).toBe(readFileSync(out).length);
    expect(report.bytes).toBeLessThanOrEqual(105 * 1024);
    expect(Math.abs(report.float32_accuracy - report.exported_accuracy)).toBeLessThanOrEqual(0.001);
    expect(report.float32_accuracy).toBeGreaterThan(0.95);
  }, 200_000);

  it('--to tfjs --quantize uint8: ≤ 102 KB and ≤ 82 KB gzipped, with a line for people', () => {
    const out = join(dir, 'web', 'model.json');
    const run = neuralkit(['convert', MLP, '--to', 'tfjs', '--quantize', 'uint8', '--validate', 'mnist', '--out', out], { timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Saved .*model\.json \(tfjs, uint8\): [\d,]+ bytes, [\d,]+ gzipped/);
    expect(run.stdout).toMatch(/Accuracy on the MNIST test set: \d+\.\d\d % float32, \d+\.\d\d % exported/);
    const bytes = readFileSync(out).length + readFileSync(join(dir, 'web', 'group1-shard1of1.bin')).length;
    expect(bytes).toBeLessThanOrEqual(102 * 1024);
    const [, gz] = /([\d,]+) gzipped/.exec(run.stdout)!;
    expect(Number(gz!.replaceAll(',', ''))).toBeLessThanOrEqual(82 * 1024);
  }, 200_000);

  it('--to keras --quantize int8 writes a .keras that evaluates', () => {
    const out = join(dir, 'mlp-int8.keras');
    expect(neuralkit(['convert', MLP, '--to', 'keras', '--quantize', 'int8', '--out', out]).status).toBe(0);
    const run = neuralkit(['evaluate', out, '--json'], { timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.at(-1)!.accuracy).toBeGreaterThan(0.95);
  }, 200_000);

  it('refuses a quantization the format cannot hold, and a wrong --out, before any work (exit 2)', () => {
    const h5 = neuralkit(['convert', MLP, '--to', 'h5', '--quantize', 'int8', '--out', join(dir, 'x.h5')]);
    expect(h5.status).toBe(2);
    expect(h5.stderr).toContain('--to h5 cannot hold --quantize int8: expected float16 (or no --quantize).');
    const tfjs = neuralkit(['convert', MLP, '--to', 'tfjs', '--quantize', 'int8', '--out', join(dir, 'x.json')]);
    expect(tfjs.stderr).toContain('--to tfjs cannot hold --quantize int8: expected uint8 or uint16 or float16');
    const onnx = neuralkit(['convert', MLP, '--to', 'onnx', '--out', join(dir, 'x.h5')]);
    expect(onnx.status).toBe(2);
    expect(onnx.stderr).toContain('--out for --to onnx expected a path like model.onnx, received');
    expect(existsSync(join(dir, 'x.h5'))).toBe(false);
  });
});
