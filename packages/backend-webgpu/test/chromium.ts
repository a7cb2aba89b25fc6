import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

// Chromium's WebGPU on SwiftShader (flags as in apps/web/test/browser.ts).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--ignore-gpu-blocklist'];

/**
 * Bundles `entry` (a file URL) for the browser, runs it in a page of headless Chromium and
 * resolves to what it stores in `globalThis[resultName]` (waiting up to `timeoutMs`).
 */
export async function runInChromium<T>(entry: URL, resultName: string, timeoutMs = 120_000): Promise<T> {
  const bundle = await build({ entryPoints: [fileURLToPath(entry)], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((request, response) => {
    const js = request.url === '/entry.js';
    response.setHeader('content-type', js ? 'text/javascript' : 'text/html');
    response.end(js ? script : '<!doctype html><script type="module" src="/entry.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction((name) => (globalThis as Record<string, unknown>)[name] !== undefined, resultName, { timeout: timeoutMs });
    return await page.evaluate((name) => (globalThis as Record<string, unknown>)[name] as T, resultName);
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
