import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';
import { APP_DIR, collectErrors, drawStroke, launchChromium, RESULTS_DIR, screenshot } from './browser.js';

// Keras's MNIST convnet on SwiftShader's WebGL runs about 2.5 s a batch of 32 on two cores, and the
// evaluation of 10,000 test digits takes minutes: a few hundred digits of each keep this well under a minute.
const TRAIN_DIGITS = 300;
const TEST_DIGITS = 500;
/** A convnet saved by Keras 2.1.6 with channels_first layers, which no tfjs backend runs. */
const CHANNELS_FIRST_H5 = join(APP_DIR, '..', '..', 'packages', 'h5', 'test', 'fixtures', 'corpus', 'lousens_conv_channels_first_keras2.1.6.h5');

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];

const testId = (id: string) => page.getByTestId(id);

/** Waits for a new test accuracy (the old one is cleared when a run or a load starts) and returns it. */
async function nextTestAccuracy(): Promise<string> {
  const shown = (wanted: boolean) =>
    page.waitForFunction((w) => /^\d\.\d{4}$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? '') === w, wanted, {
      timeout: 120_000,
    });
  await shown(false);
  await shown(true);
  return (await testId('test-accuracy').textContent()) ?? '';
}

beforeAll(async () => {
  server = await serve({ port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.setDefaultTimeout(15_000);
  errors = collectErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the demo's convnet preset on webgl (Chromium, SwiftShader)", () => {
  let trainedAccuracy = '';

  it('trains Keras\'s MNIST convnet for one epoch and evaluates it', async () => {
    await page.goto(`${server.url}?testDigits=${TEST_DIGITS}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    expect(await page.locator('#backend-status').getAttribute('data-backend')).toBe('webgl');
    expect(await page.locator('#data-status').textContent()).toContain(`60000 training and ${TEST_DIGITS} test digits`);
    await page.selectOption('#architecture', 'convnet');
    expect(await page.inputValue('#train-size')).toBe('2000'); // the preset's smaller default
    await page.fill('#train-size', String(TRAIN_DIGITS));
    await page.fill('#epochs', '1');
    await page.fill('#validation-split', '0');
    await page.fill('#seed', '7');
    await testId('train-button').click();
    trainedAccuracy = await nextTestAccuracy();
    const progress = (await testId('epoch-progress').textContent()) ?? '';
    console.log(`convnet on webgl, ${TRAIN_DIGITS} digits, one epoch: ${progress}; test accuracy on ${TEST_DIGITS} digits ${trainedAccuracy}`);
    // 10 batches of 32 (the last of 12), each a step of Adam through both convolutions.
    expect(progress).toMatch(/^Epoch 1\/1 · 10\/10 · .*loss: \d\.\d{4} - accuracy: \d\.\d{4} · done$/);
    const loss = Number(/loss: (\d\.\d{4})/.exec(progress)?.[1]);
    expect(loss).toBeLessThan(Math.log(10)); // below an untrained softmax's 2.3026
    // Chance is 0.1; ten steps of Adam already get about a third of the test digits right.
    expect(Number(trainedAccuracy)).toBeGreaterThan(0.2);
    expect(await page.locator('#confusion-matrix table').count()).toBe(1);
    await screenshot(page, 'convnet-trained.png');
  });

  it('predicts a drawing with the convnet ([1, 28, 28, 1] input)', async () => {
    await testId('draw-canvas').scrollIntoViewIfNeeded();
    await drawStroke(page, 'draw-canvas', [[0.5, 0.15], [0.5, 0.5], [0.5, 0.85]]);
    await expect.poll(() => testId('prediction').textContent(), { timeout: 30_000 }).toMatch(/^\d$/);
    await testId('clear-button').click();
  });

  it('downloads the convnet as .h5 and loads it back with the same test accuracy', async () => {
    const seen: Download[] = [];
    const onDownload = (d: Download) => seen.push(d);
    page.on('download', onDownload);
    await page.click('#save-h5');
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(1);
    page.off('download', onDownload);
    const path = join(RESULTS_DIR, `convnet-${seen[0]!.suggestedFilename()}`);
    await seen[0]!.saveAs(path);
    // An HDF5 file (its signature) that names Keras's Conv2D in its model_config.
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.includes('"class_name": "Conv2D"') || bytes.includes('"class_name":"Conv2D"')).toBe(true);

    await testId('model-upload').setInputFiles(path);
    await page.waitForSelector('#model-status[data-loaded=true]', { timeout: 60_000 });
    expect(await nextTestAccuracy()).toBe(trainedAccuracy);
    expect(await page.locator('#model-status').textContent()).toContain('convnet-');
    expect(await testId('error').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("refuses Keras 2.1.6's channels_first convnet .h5 with an error naming the file and data_format", async () => {
    await testId('model-upload').setInputFiles(CHANNELS_FIRST_H5);
    await expect.poll(() => testId('error').isVisible(), { timeout: 30_000 }).toBe(true);
    const message = (await testId('error').textContent()) ?? '';
    console.log(message);
    expect(message).toContain('lousens_conv_channels_first_keras2.1.6.h5');
    expect(message).toMatch(/`data_format` of Conv2D layer .*'channels_first' is not supported/);
    expect(await page.locator('#model-status').textContent()).toBe('Could not load lousens_conv_channels_first_keras2.1.6.h5.');
  });
});
