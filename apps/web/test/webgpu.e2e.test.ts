import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';
import { collectErrors, launchChromium, RESULTS_DIR, screenshot } from './browser.js';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];

const testId = (id: string) => page.getByTestId(id);

/** Sets the form, trains, waits for the test accuracy, and downloads the tfjs weights. */
async function trainSeeded(backend: string, prefix: string): Promise<{ accuracy: number; weights: Float32Array; optimizer: Float32Array }> {
  await page.selectOption('#backend', backend);
  await page.waitForSelector(`#backend-status[data-backend=${backend}]`);
  if (await page.isChecked('#continue-training')) await page.uncheck('#continue-training');
  await page.fill('#train-size', '1000'); // 32 steps of 32: enough to move every weight, quick on SwiftShader
  await page.fill('#epochs', '1');
  await page.fill('#validation-split', '0');
  await page.fill('#seed', '7');
  await testId('train-button').click();
  await page.waitForFunction(() => /done$/.test(document.querySelector('[data-testid=epoch-progress]')?.textContent ?? ''), null, { timeout: 200_000 });
  await page.waitForFunction(() => /^\d\.\d{4}$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? ''), null, { timeout: 120_000 });
  const accuracy = Number(await testId('test-accuracy').textContent());
  const seen: Download[] = [];
  const onDownload = (d: Download) => seen.push(d);
  page.on('download', onDownload);
  await page.click('#save-tfjs');
  await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(2);
  page.off('download', onDownload);
  const saved = async (suffix: string) => {
    const file = seen.find((d) => d.suggestedFilename().endsWith(suffix))!;
    const path = join(RESULTS_DIR, `${prefix}-${file.suggestedFilename()}`);
    await file.saveAs(path);
    return readFileSync(path);
  };
  const manifest = JSON.parse((await saved('.json')).toString('utf8')) as {
    weightsManifest: Array<{ weights: Array<{ name: string; shape: number[] }> }>;
  };
  const bytes = await saved('.bin');
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  // The model's weights ('dense/kernel', 'dense/bias'), then Adam's state ('iter', moments).
  const entries = manifest.weightsManifest.flatMap((group) => group.weights);
  const modelSize = entries.filter((w) => w.name.includes('/')).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  return { accuracy, weights: all.slice(0, modelSize), optimizer: all.slice(modelSize) };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

beforeAll(async () => {
  server = await serve({ port: 0 });
  browser = await launchChromium({ webgpu: true });
  page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.setDefaultTimeout(30_000);
  errors = collectErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the demo on WebGPU (Chromium, SwiftShader adapter)', () => {
  it('offers webgpu and activates it on the SwiftShader adapter', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    const option = page.locator('#backend option[value=webgpu]');
    expect(await option.isDisabled()).toBe(false);
    await page.selectOption('#backend', 'webgpu');
    await page.waitForSelector('#backend-status[data-backend=webgpu]');
    const status = (await page.locator('#backend-status').textContent()) ?? '';
    expect(status).toContain('architecture: swiftshader');
    expect(status).toContain('runtime: browser');
    expect(errors).toEqual([]);
  });

  it('trains the lecture model on webgpu to the weights a cpu run from the same seed gives (float32 tolerance)', async () => {
    const gpu = await trainSeeded('webgpu', 'webgpu');
    await screenshot(page, 'webgpu-trained.png');
    const cpu = await trainSeeded('cpu', 'cpu');
    expect(gpu.weights.length).toBe(784 * 10 + 10);
    const maxDiff = maxAbsDiff(gpu.weights, cpu.weights);
    const optimizerDiff = maxAbsDiff(gpu.optimizer, cpu.optimizer);
    console.log(
      `webgpu vs cpu after one seeded epoch on 1,000 digits: max |Δw| = ${maxDiff.toExponential(2)}, ` +
        `Adam state ${optimizerDiff.toExponential(2)}; test accuracy ${gpu.accuracy} vs ${cpu.accuracy}`,
    );
    expect(gpu.optimizer.length).toBe(1 + 2 * 7850);
    expect(new Int32Array(gpu.optimizer.buffer, 0, 1)[0]).toBe(32); // int32 iterations: 1,000 digits in batches of 32
    expect(optimizerDiff).toBeLessThan(1e-4);
    // Weights moved from their start (a run that trained nothing would also "match").
    expect(gpu.weights.slice(7840).some((bias) => Math.abs(bias) > 0.01)).toBe(true); // biases start at 0; Adam moves ≤ 0.001 a step
    expect(maxDiff).toBeLessThan(1e-4);
    expect(Math.abs(gpu.accuracy - cpu.accuracy)).toBeLessThanOrEqual(0.002);
    expect(gpu.accuracy).toBeGreaterThan(0.4); // about 0.55 after 32 steps at Adam's default rate (chance: 0.1)
    expect(errors).toEqual([]);
  });

  it('passes the backend conformance suite on webgpu against cpu', async () => {
    const other = await browser.newPage();
    const pageErrors = collectErrors(other);
    await other.goto(new URL('conformance.html?backend=webgpu', server.url).href);
    await other.waitForSelector('[data-testid=conformance-report][data-passed]', { timeout: 120_000 });
    const report = (await other.getByTestId('conformance-report').textContent()) ?? '';
    console.log(report);
    expect(report).toMatch(/^webgpu vs cpu/);
    expect(await other.getByTestId('conformance-report').getAttribute('data-passed')).toBe('true');
    expect(pageErrors).toEqual([]);
    await other.close();
  });
});
