import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';
import { collectErrors, drawStroke, FIXTURES_DIR, launchChromium, RESULTS_DIR, screenshot, smallScreenshot } from './browser.js';

const H5_FIXTURE = join(FIXTURES_DIR, 'keras-h5', 'mnist_flatten_dense128_dropout_dense10_tfkeras2.15.0.h5');
const KERAS_FIXTURE = join(FIXTURES_DIR, 'keras-h5', 'mnist_flatten_dense128_dropout_dense32_dropout_dense10_keras3.10.0.keras');

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];

const testId = (id: string) => page.getByTestId(id);
const VERTICAL_STROKE: Array<[number, number]> = [[0.5, 0.15], [0.5, 0.5], [0.5, 0.85]];

/** Waits for a new test accuracy: the old one is cleared when a run starts. */
async function waitForTestAccuracy(timeout: number): Promise<void> {
  const shown = (wanted: boolean) =>
    page.waitForFunction(
      (w) => /^\d\.\d{4}$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? '') === w,
      wanted,
      { timeout },
    );
  await shown(false);
  await shown(true);
}

async function trainAndWait(size: number): Promise<number> {
  await page.fill('#train-size', String(size));
  await page.fill('#epochs', '1');
  await testId('train-button').click();
  await waitForTestAccuracy(200_000);
  return Number(await testId('test-accuracy').textContent());
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

describe('the demo page in Chromium', () => {
  it('loads MNIST and activates webgl with no console errors', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    expect(await page.locator('#backend-status').getAttribute('data-backend')).toBe('webgl');
    expect(await page.locator('#backend-status').textContent()).toContain('float32Textures: true');
    expect(await page.locator('#data-status').textContent()).toContain('60000 training and 10000 test digits');
    await expect(testId('train-button').isEnabled()).resolves.toBe(true);
    expect(await testId('error').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  // One epoch on 9,000 digits (10,000 less the validation split) gives about 0.87 on cpu and webgl;
  // 20,000 gives about 0.89, a safer margin over 0.85 for an 8-second run.
  it('trains one epoch on 20,000 digits above 0.85 test accuracy, with charts drawn', async () => {
    const started = Date.now();
    const accuracy = await trainAndWait(20_000);
    console.log(`test accuracy after one epoch on 20,000 digits (webgl): ${accuracy} in ${(Date.now() - started) / 1000} s`);
    expect(accuracy).toBeGreaterThan(0.85);
    expect(await testId('epoch-progress').textContent()).toMatch(/Epoch 1\/1 · \d+\/\d+ · .*loss: .*accuracy: .*val_loss.*done/);
    const [lossTrain, lossVal] = (await page.locator('#loss-chart').getAttribute('data-points'))!.split(',').map(Number);
    const [accTrain, accVal] = (await page.locator('#accuracy-chart').getAttribute('data-points'))!.split(',').map(Number);
    expect(lossTrain).toBeGreaterThan(100);
    expect(accTrain).toBeGreaterThan(100);
    expect([lossVal, accVal]).toEqual([1, 1]);
    expect(await page.locator('#confusion-matrix table').count()).toBe(1);
    expect(await page.locator('#gallery figure').count()).toBeGreaterThan(10);
    await screenshot(page, 'trained.png');
  });

  it('predicts 1 for a vertical stroke, and clears', async () => {
    await testId('draw-canvas').scrollIntoViewIfNeeded();
    await drawStroke(page, 'draw-canvas', VERTICAL_STROKE);
    await expect.poll(() => testId('prediction').textContent(), { timeout: 20_000 }).toBe('1');
    await screenshot(page, 'prediction.png');
    await smallScreenshot(page, 'overview.png', 640);
    await testId('clear-button').click();
    await expect.poll(() => testId('prediction').textContent()).toBe('–');
  });

  it('draws a 1 from the keyboard alone: Tab to the pad, arrows move the pen, Space lowers and lifts it', async () => {
    // Clicking the heading sets where sequential focus starts; the pad is the next stop.
    await page.locator('#draw-heading').click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('draw-canvas');
    const pad = testId('draw-canvas');
    expect(await pad.evaluate((el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(await pad.getAttribute('aria-label')).toBe('Drawing pad');
    const help = await page.locator(`#${await pad.getAttribute('aria-describedby')}`).textContent();
    expect(help).toMatch(/arrow keys move the pen, Space lowers or lifts it/);
    expect(await page.locator('#prediction-line').getAttribute('aria-live')).toBe('polite');

    // The pen starts at the centre; 14 px a step on the 280-px pad: up to y = 42, down to y = 238.
    const scrollY = await page.evaluate(() => window.scrollY);
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp');
    expect(await testId('prediction').textContent()).toBe('–');
    await page.keyboard.press('Space');
    expect(await page.locator('#pen-status').textContent()).toContain('Pen down');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => testId('prediction').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY); // the arrows drew, the page did not scroll
    await screenshot(page, 'keyboard-prediction.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => testId('prediction').textContent()).toBe('–');
    expect(await page.locator('#pen-status').textContent()).toContain('cleared');
    // Shift+arrow draws with the pen up; a plain arrow after it only moves.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => testId('prediction').textContent(), { timeout: 20_000 }).toMatch(/^\d$/);
    await page.keyboard.press('Delete');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    expect(await testId('prediction').textContent()).toBe('–');
  });

  it('loads a tf.keras 2.15 .h5 and predicts a drawing with it', async () => {
    await testId('model-upload').setInputFiles(H5_FIXTURE);
    await page.waitForSelector('#model-status[data-loaded=true]', { timeout: 60_000 });
    // expected.json beside the fixture: 9804 of the 10,000 test digits right, computed with numpy.
    await waitForTestAccuracy(60_000);
    expect(await testId('test-accuracy').textContent()).toBe('0.9804');
    await drawStroke(page, 'draw-canvas', VERTICAL_STROKE);
    await expect.poll(() => testId('prediction').textContent(), { timeout: 20_000 }).toMatch(/^\d$/);
    expect(await testId('error').isVisible()).toBe(false);
    await testId('clear-button').click();
  });

  it('loads a Keras 3 .keras archive', async () => {
    await testId('model-upload').setInputFiles(KERAS_FIXTURE);
    // expected.json: 9758 of 10,000 right.
    await waitForTestAccuracy(60_000);
    expect(await testId('test-accuracy').textContent()).toBe('0.9758');
    expect(await page.locator('#model-status').textContent()).toContain('keras3.10.0.keras');
  });

  it('shows an error for a file that is not a model, and still trains', async () => {
    await testId('model-upload').setInputFiles({ name: 'notes.h5', mimeType: 'text/plain', buffer: Buffer.from('not a model\n') });
    await expect.poll(() => testId('error').isVisible(), { timeout: 20_000 }).toBe(true);
    const message = await testId('error').textContent();
    console.log(message);
    expect(message).toContain('notes.h5');
    await page.uncheck('#continue-training');
    // Other choices on the way: categorical_crossentropy on one-hot labels, RMSprop with a decay schedule.
    await page.selectOption('#loss', 'categorical_crossentropy');
    await page.selectOption('#optimizer', 'rmsprop');
    await page.selectOption('#schedule', 'exponential');
    expect(await trainAndWait(2_000)).toBeGreaterThan(0.5);
    expect(await testId('error').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('while training', () => {
  it('stays responsive: Stop ends the run after the current batch', async () => {
    await page.fill('#train-size', '60000');
    await testId('train-button').click();
    await page.waitForFunction(() => /· \d{2,}\/1688 ·/.test(document.querySelector('[data-testid=epoch-progress]')?.textContent ?? ''));
    await testId('stop-button').click();
    await expect.poll(() => testId('epoch-progress').textContent(), { timeout: 30_000 }).toContain('stopped');
    await waitForTestAccuracy(60_000);
    const batches = Number(/· (\d+)\/1688/.exec((await testId('epoch-progress').textContent()) ?? '')?.[1]);
    expect(batches).toBeLessThan(1688);
    expect(await testId('train-button').isEnabled()).toBe(true);
  });
});

describe('saving and loading', () => {
  /** Clicks `buttonId` and saves the `count` downloads it starts into test-results/. */
  async function download(buttonId: string, count: number): Promise<string[]> {
    const seen: Download[] = [];
    const onDownload = (d: Download) => seen.push(d);
    page.on('download', onDownload);
    await page.click(buttonId);
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(count);
    page.off('download', onDownload);
    return Promise.all(
      seen.map(async (d) => {
        const path = join(RESULTS_DIR, d.suggestedFilename());
        await d.saveAs(path);
        return path;
      }),
    );
  }

  it('downloads .h5 and tfjs files that load back with the same test accuracy', async () => {
    const before = await testId('test-accuracy').textContent();
    const [h5] = await download('#save-h5', 1);
    expect(h5).toMatch(/mnist\.h5$/);
    await testId('model-upload').setInputFiles(h5!);
    await waitForTestAccuracy(60_000);
    expect(await testId('test-accuracy').textContent()).toBe(before);
    expect(await testId('error').isVisible()).toBe(false);

    const tfjsFiles = await download('#save-tfjs', 2);
    expect(tfjsFiles.map((f) => f.split('/').pop()).sort()).toEqual(['mnist.json', 'mnist.weights.bin']);
    await testId('model-upload').setInputFiles(tfjsFiles);
    await waitForTestAccuracy(60_000);
    expect(await testId('test-accuracy').textContent()).toBe(before);
    expect(await testId('error').isVisible()).toBe(false);

    // Shipped forms, with their size shown: int8 ONNX, and uint8 tfjs that loads back here.
    const [onnx] = await download('#save-onnx', 1);
    expect(onnx).toMatch(/mnist-int8\.onnx$/);
    await expect.poll(() => page.locator('#model-status').textContent()).toMatch(/Saved the model \(ONNX int8, \d+\.\d KB\)\./);
    const uint8Files = await download('#save-tfjs-uint8', 2);
    expect(uint8Files.map((f) => f.split('/').pop()).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    await expect.poll(() => page.locator('#model-status').textContent()).toMatch(/Saved the model \(tfjs uint8, \d+\.\d KB\)\./);
    await testId('model-upload').setInputFiles(uint8Files);
    await waitForTestAccuracy(60_000);
    expect(await testId('error').isVisible()).toBe(false);
  });
});

describe('on a phone-sized screen', () => {
  it('lays out in one column without horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phoneErrors = collectErrors(phone);
    await phone.goto(server.url);
    await phone.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const pad = await phone.getByTestId('draw-canvas').boundingBox();
    expect(pad!.width).toBeGreaterThan(200);
    expect(pad!.x + pad!.width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'phone.png');
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });
});

/** The report has each convolutional layer's forward and backward case (layer-conformance-cases.ts), each agreeing. */
function expectEveryConvLayer(report: string): void {
  const layers = ['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'BatchNormalization', 'Reshape', 'SpatialDropout2D'];
  for (const layer of layers) expect(report).toMatch(new RegExp(`^ok {3}layer ${layer}\\b`, 'm'));
  expect(report).not.toMatch(/^FAIL/m);
}

describe('the conformance page', () => {
  it('runs the backend conformance suite and the convolutional layers on webgl, and agrees with cpu', async () => {
    const other = await browser.newPage();
    const pageErrors = collectErrors(other);
    await other.goto(new URL('conformance.html?backend=webgl', server.url).href);
    await other.waitForSelector('[data-testid=conformance-report][data-passed]', { timeout: 120_000 });
    const report = (await other.getByTestId('conformance-report').textContent()) ?? '';
    console.log(report);
    expect(report).toMatch(/^webgl vs cpu/);
    expectEveryConvLayer(report);
    expect(await other.getByTestId('conformance-report').getAttribute('data-passed')).toBe('true');
    expect(pageErrors).toEqual([]);
    await other.close();
  });

  it('runs it on wasm too (binaries served by the site)', async () => {
    const other = await browser.newPage();
    await other.goto(new URL('conformance.html?backend=wasm', server.url).href);
    await other.waitForSelector('[data-testid=conformance-report][data-passed]', { timeout: 120_000 });
    const report = (await other.getByTestId('conformance-report').textContent()) ?? '';
    expect(report).toMatch(/^wasm vs cpu/);
    expectEveryConvLayer(report);
    expect(await other.getByTestId('conformance-report').getAttribute('data-passed')).toBe('true');
    await other.close();
  });
});
