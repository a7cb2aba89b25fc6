import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, serve } from '../scripts/serve.mjs';
import { buildIoCheckModel, IO_CHECK_HTTP_PATH } from '../src/io-check-model.js';
import { collectErrors, launchChromium } from './browser.js';

// The copy io.html loads over http, written into the built site by neuralkit in Node.
const SERVED_MODEL = join(DIST, IO_CHECK_HTTP_PATH);

interface IoResult {
  backend: string;
  passed: boolean;
  predictions: number[];
  handlers: Array<Record<string, unknown>>;
}

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let result: IoResult;
let errors: string[];

/** What every handler must report: the loaded model equals the original, compiled, bit for bit. */
const ROUND_TRIPPED = {
  ok: true,
  identicalPredictions: true,
  maxAbsDiff: 0,
  identicalWeights: true,
  compiled: true,
  sameTrainingConfig: true,
  sameEvaluation: true,
};

beforeAll(async () => {
  await useBackend(cpuBackend());
  const model = buildIoCheckModel();
  await model.save(SERVED_MODEL);
  model.dispose();
  server = await serve({ port: 0 });
  browser = await launchChromium();
  const page = await browser.newPage();
  errors = collectErrors(page);
  await page.goto(new URL('io.html', server.url).href);
  await page.waitForSelector('[data-testid=io-result][data-passed]', { timeout: 60_000 });
  const text = (await page.getByTestId('io-result').textContent()) ?? '';
  console.log(text);
  result = JSON.parse(text) as IoResult;
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dirname(SERVED_MODEL), { recursive: true, force: true });
});

describe('the model IO page (io.html) on webgl', () => {
  it('saves a compiled model to IndexedDB and localStorage and loads it back identical, with no console errors', () => {
    expect(result.backend).toBe('webgl');
    expect(result.predictions).toHaveLength(15); // 5 samples × 3 classes
    expect(result.handlers.slice(0, 2)).toEqual([
      { handler: 'indexeddb', url: 'indexeddb://neuralkit-io-check', ...ROUND_TRIPPED, removed: true },
      { handler: 'localstorage', url: 'localstorage://neuralkit-io-check', ...ROUND_TRIPPED, removed: true },
    ]);
    expect(errors).toEqual([]);
  });

  it('loads the served copy over http:// identical (the http handler survives the Vite build)', () => {
    const url = new URL(IO_CHECK_HTTP_PATH, server.url).href;
    expect(result.handlers[2]).toEqual({ handler: 'http', url, ...ROUND_TRIPPED });
    expect(result.passed).toBe(true);
  });
});
