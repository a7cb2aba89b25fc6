import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runInChromium } from './chromium.js';

interface Result {
  backend: string;
  details: Record<string, unknown>;
  cases: Array<{ activation: string; rows: number; inner: number; units: number; maxDiff: number }>;
  softmax: Array<{ rows: number; classes: number; lossDiff: number; gradientDiff: number }>;
  backward: Array<{ rows: number; inner: number; units: number; diffs: number[]; scale: number }>;
  adam: Array<{ shape: number[]; diffs: number[]; moved: number }>;
  leaked: number;
  error?: string;
}

let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  result = await runInChromium<Result>(new URL('./browser/kernels.entry.ts', import.meta.url), 'kernelResults');
}, 180_000);

describe.skipIf(!existsSync(CHROMIUM))('fused WGSL kernels in Chromium WebGPU on SwiftShader, against the generic ops', () => {
  it('runs on the webgpu backend of the page', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('webgpu');
    expect(result.details).toMatchObject({ architecture: 'swiftshader', runtime: 'browser' });
  });

  it('denseForward equals matMul + add + activation within float32 tolerance, for every activation and shape', () => {
    expect(result.cases).toHaveLength(12);
    for (const c of result.cases) expect(c.maxDiff, `${c.activation} ${c.rows}×${c.inner}×${c.units}`).toBeLessThan(1e-5);
  });

  it('softmaxCrossEntropy equals the per-row loss from logSoftmax and tf.grad of the mean, within float32 tolerance', () => {
    expect(result.softmax).toHaveLength(3);
    for (const c of result.softmax) {
      expect(c.lossDiff, `loss ${c.rows}×${c.classes}`).toBeLessThan(1e-5);
      expect(c.gradientDiff, `gradient ${c.rows}×${c.classes}`).toBeLessThan(1e-6);
    }
  });

  it('denseBackward equals tf.grads for x, kernel and bias within float32 tolerance', () => {
    expect(result.backward).toHaveLength(3);
    for (const c of result.backward) {
      expect(c.scale, 'the kernel gradient is not all zeros').toBeGreaterThan(0.01);
      c.diffs.forEach((d, i) => expect(d, `${['x', 'kernel', 'bias'][i]} ${c.rows}×${c.inner}×${c.units}`).toBeLessThan(1e-5));
    }
  });

  it('adamUpdate equals the Keras Adam formula in generic ops after three steps (variable, m, v)', () => {
    expect(result.adam).toHaveLength(3);
    for (const c of result.adam) {
      expect(c.moved, 'the variable moved').toBeGreaterThan(0.01); // about 3 × lr
      c.diffs.forEach((d, i) => expect(d, `${['variable', 'm', 'v'][i]} [${c.shape}]`).toBeLessThan(1e-5));
    }
  });

  it('leaks no tensor', () => {
    expect(result.leaked).toBe(0);
  });
});
