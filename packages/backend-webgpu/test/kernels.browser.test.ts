import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Chromium's WebGPU on SwiftShader (flags as in apps/web/test/browser.ts).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--ignore-gpu-blocklist'];

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

let server: Server;
let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./browser/kernels.entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  server = createServer((request, response) => {
    const js = request.url === '/entry.js';
    response.setHeader('content-type', js ? 'text/javascript' : 'text/html');
    response.end(js ? script : '<!doctype html><script type="module" src="/entry.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (globalThis as { kernelResults?: unknown }).kernelResults !== undefined, null, { timeout: 120_000 });
    result = await page.evaluate(() => (globalThis as unknown as { kernelResults: Result }).kernelResults);
  } finally {
    await browser.close();
  }
}, 180_000);

afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

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
